// `content-trust resolve`: for each IMAGE[:TAG], what `docker pull` with DOCKER_CONTENT_TRUST=1 pulls
// (its `Pull (1 of 1): NAME:TAG@sha256:…` line) or its refusal, through @ctp/notary's resolveTrustedTag.
import { resolveTrustedTag, trustFailureMessage } from '@ctp/notary';
import type { ResolveArgs } from './args.ts';
import { describeFailure } from './inspect.ts';
import { familiarName, parseImageRef, type ImageRef } from './image-ref.ts';
import type { Io } from './io.ts';
import { verifyAll } from './session.ts';

type Resolved =
  | { reference: string; tag: string; digest: string; role: string }
  | { reference: string; tag?: string; error: string };

async function resolveOne(
  input: string,
  ref: ImageRef | { error: string },
  session: ReturnType<typeof verifyAll>,
  io: Io,
): Promise<{ line?: string; json: Resolved }> {
  if ('error' in ref) return { json: { reference: input, error: ref.error } };
  const tag = ref.tag ?? 'latest';
  if (ref.digest)
    return {
      json: {
        reference: input,
        tag,
        error: `${input} is pinned to a digest already: a content-trust client pulls it without trust data`,
      },
    };
  const result = await session.resultFor(ref);
  if (result.kind !== 'verified') {
    if (io.env.CONTENT_TRUST_DEBUG) io.stderr(`${describeFailure(result)}\n`);
    const host = new URL(session.serverFor(ref)).host;
    return { json: { reference: input, tag, error: trustFailureMessage(result, host) } };
  }
  const r = resolveTrustedTag(result.view, tag);
  if (r.kind === 'refused') return { json: { reference: input, tag, error: r.message } };
  return {
    line: `${familiarName(ref)}:${tag}@${r.digest}`,
    json: { reference: input, tag, digest: r.digest, role: r.role },
  };
}

export async function runResolve(args: ResolveArgs, io: Io): Promise<number> {
  const parsed = args.images.map((input) => ({ input, ref: parseImageRef(input) }));
  const session = verifyAll(
    parsed.flatMap((p) => ('error' in p.ref ? [] : [p.ref])),
    args,
    io,
  );
  const results = await Promise.all(parsed.map((p) => resolveOne(p.input, p.ref, session, io)));
  const failed = results.some((r) => 'error' in r.json);
  if (args.output === 'json') {
    io.stdout(
      JSON.stringify(
        results.map((r) => r.json),
        null,
        2,
      ) + '\n',
    );
    return failed ? 1 : 0;
  }
  for (const r of results) {
    if (r.line) io.stdout(`${r.line}\n`);
    else io.stderr(`${(r.json as { error: string }).error}\n`);
  }
  return failed ? 1 : 0;
}
