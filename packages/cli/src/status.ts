// `content-trust inspect --status`: per-role verification and per-tag status against the registry.
import { classifyTags, dockerInspect, type TrustView } from '@ctp/notary';
import { createRegistryClient, type TagDigest } from '@ctp/registry';
import type { InspectArgs } from './args.ts';
import { resolveCredentials } from './credentials.ts';
import type { ImageRef } from './image-ref.ts';
import { describeFailure } from './inspect.ts';
import type { Io } from './io.ts';
import type { TrustSession } from './session.ts';

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

export async function printStatus(
  refs: ImageRef[],
  session: TrustSession,
  args: InspectArgs,
  io: Io,
): Promise<number> {
  let failed = false;
  const out = [];
  for (const ref of refs) {
    const result = await session.resultFor(ref);
    const registryUrl = (args.registry ?? `https://${ref.host}`).replace(/\/+$/, '');
    const registry = createRegistryClient({
      baseUrl: registryUrl,
      fetch: session.fetch,
      credentials: resolveCredentials(new URL(registryUrl).host, args, io.env),
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
