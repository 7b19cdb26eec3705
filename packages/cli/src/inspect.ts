// `content-trust inspect`: verify each image's GUN and print what `docker trust inspect` prints.
import {
  classifyTags,
  createTrustClient,
  dockerInspect,
  type TrustClient,
  type VerifyResult,
  type TrustView,
} from '@ctp/notary';
import { createRegistryClient, type TagDigest } from '@ctp/registry';
import type { GunVerifier } from './archive-source.ts';
import type { InspectArgs } from './args.ts';
import { resolveCredentials } from './credentials.ts';
import { goJsonIndent } from './go-json.ts';
import { defaultTrustServer, parseImageRef, type ImageRef } from './image-ref.ts';
import { prettyInspect } from './pretty.ts';
import { fetchWithCa } from './tls-fetch.ts';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Docker's message for any failure to get verified trust data (no data, invalid, unreachable). */
export function dockerError(remote: string): string {
  return `no signatures or cannot access ${remote}`;
}

function describeFailure(r: VerifyResult): string {
  switch (r.kind) {
    case 'verified':
      return 'verified';
    case 'no-trust-data':
      return `${r.gun} has no trust data`;
    case 'invalid':
      return `trust data for ${r.gun} is invalid: ${r.role}: ${r.check}: ${r.message}`;
    case 'unreachable':
      return `trust server unreachable for ${r.gun}: ${r.message}`;
  }
}

function roleStatus(view: TrustView) {
  const base = (r: TrustView['root'] | TrustView['timestamp']) => ({
    name: r.name,
    status: 'verified',
    version: r.version,
    expires: r.expires,
    threshold: r.threshold,
    keys: r.keys.map((k) => k.canonicalId ?? k.id),
  });
  return [
    base(view.root),
    base(view.timestamp),
    base(view.snapshot),
    ...view.targetsRoles.map((r) => ({
      name: r.name,
      status: r.status,
      ...(r.failure ? { failure: r.failure } : {}),
      ...(r.version !== undefined ? { version: r.version } : {}),
      ...(r.expires !== undefined ? { expires: r.expires } : {}),
      threshold: r.threshold,
      paths: r.paths,
      keys: r.keys.map((k) => k.canonicalId ?? k.id),
    })),
  ];
}

/** `archive`: verify from a trust-data export instead of the trust server (--archive). */
export async function runInspect(args: InspectArgs, io: Io, archive?: GunVerifier): Promise<number> {
  const refs: ImageRef[] = [];
  for (const image of args.images) {
    const ref = parseImageRef(image);
    if ('error' in ref) {
      io.stderr(`${ref.error}\n`);
      return 1;
    }
    refs.push(ref);
  }
  const fetch = fetchWithCa(args.ca);
  const serverFor = (ref: ImageRef) =>
    (args.server ?? io.env.DOCKER_CONTENT_TRUST_SERVER ?? defaultTrustServer(ref.host)).replace(/\/+$/, '');
  const clients = new Map<string, TrustClient>();
  const clientFor = (ref: ImageRef): GunVerifier => {
    if (archive) return archive;
    const url = serverFor(ref);
    let c = clients.get(url);
    if (!c) {
      c = createTrustClient({
        serverUrl: url,
        fetch,
        credentials: resolveCredentials(new URL(url).host, args),
        concurrency: args.concurrency,
      });
      clients.set(url, c);
    }
    return c;
  };
  // Each distinct GUN is verified once, all of them concurrently within each client's bounded pool.
  const byGun = new Map<string, Promise<VerifyResult>>();
  const pending = new Map<GunVerifier, string[]>();
  for (const ref of refs) {
    if (byGun.has(ref.gun)) continue;
    const c = clientFor(ref);
    pending.set(c, [...(pending.get(c) ?? []), ref.gun]);
    byGun.set(ref.gun, Promise.resolve(undefined as unknown as VerifyResult));
  }
  for (const [c, guns] of pending) {
    const all = c.verifyRepositories(guns);
    guns.forEach((g, i) =>
      byGun.set(
        g,
        all.then((rs) => rs[i]!),
      ),
    );
  }

  if (args.status) return printStatus(refs, byGun, args, io, fetch);

  if (args.pretty) {
    for (const [index, ref] of refs.entries()) {
      const result = await byGun.get(ref.gun)!;
      if (result.kind !== 'verified') {
        io.stderr(`${dockerError(ref.input)}\n`);
        return 1;
      }
      io.stdout(prettyInspect(result.view, ref.input, ref.tag));
      if (index < refs.length - 1) io.stdout('\n\n');
    }
    return 0;
  }

  const objects: unknown[] = [];
  const errors: string[] = [];
  for (const ref of refs) {
    const result = await byGun.get(ref.gun)!;
    if (result.kind === 'verified') objects.push(dockerInspect(result.view, ref.input, ref.tag));
    else {
      errors.push(dockerError(ref.input));
      if (io.env.CONTENT_TRUST_DEBUG) io.stderr(`${describeFailure(result)}\n`);
    }
  }
  io.stdout(objects.length === 0 ? '[]\n' : goJsonIndent(objects) + '\n');
  if (errors.length > 0) {
    io.stderr(errors.join('\n') + '\n');
    return 1;
  }
  return 0;
}

async function printStatus(
  refs: ImageRef[],
  byGun: Map<string, Promise<VerifyResult>>,
  args: InspectArgs,
  io: Io,
  fetch: ReturnType<typeof fetchWithCa>,
): Promise<number> {
  let failed = false;
  const out = [];
  for (const ref of refs) {
    const result = await byGun.get(ref.gun)!;
    const registryUrl = (args.registry ?? `https://${ref.host}`).replace(/\/+$/, '');
    const registry = createRegistryClient({
      baseUrl: registryUrl,
      fetch,
      credentials: resolveCredentials(new URL(registryUrl).host, args),
    });
    let tags: TagDigest[] = [];
    let registryError: string | undefined;
    try {
      tags = await registry.listTagDigests(ref.repository);
      if (ref.tag) tags = tags.filter((t) => t.tag === ref.tag);
    } catch (e) {
      registryError = (e as Error).message;
    }
    let classes = classifyTags(result, tags);
    if (ref.tag) classes = classes.filter((c) => c.tag === ref.tag);
    if (result.kind !== 'verified') failed = true;
    out.push({
      Name: ref.input,
      GUN: ref.gun,
      Verification:
        result.kind === 'verified'
          ? { result: 'verified', earliestExpiry: result.view.earliestExpiry, roles: roleStatus(result.view) }
          : {
              result: result.kind,
              message: describeFailure(result),
              ...(result.kind === 'invalid' ? { role: result.role, check: result.check } : {}),
            },
      ...(result.kind === 'verified' ? { Inspect: dockerInspect(result.view, ref.input, ref.tag) } : {}),
      Tags: classes,
      ...(registryError ? { RegistryError: registryError } : {}),
    });
  }
  io.stdout(JSON.stringify(out, null, 4) + '\n');
  return failed ? 1 : 0;
}
