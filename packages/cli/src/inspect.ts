// `content-trust inspect`: verify each image's GUN and print what `docker trust inspect` prints.
import { dockerInspect, type VerifyResult } from '@ctp/notary';
import type { InspectArgs } from './args.ts';
import { goJsonIndent } from './go-json.ts';
import { parseImageRef, type ImageRef } from './image-ref.ts';
import type { Io } from './io.ts';
import { prettyInspect } from './pretty.ts';
import { verifyAll, type TrustSession } from './session.ts';

export type { Io } from './io.ts';

/** Docker's message for any failure to get verified trust data (no data, invalid, unreachable). */
export function dockerError(remote: string): string {
  return `no signatures or cannot access ${remote}`;
}

export function describeFailure(r: VerifyResult): string {
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

export async function runInspect(args: InspectArgs, io: Io): Promise<number> {
  // Like Docker, a reference that does not parse is an error of its own; the others still print.
  const parsed = args.images.map((image) => ({ image, ref: parseImageRef(image) }));
  const refs = parsed.flatMap((p) => ('error' in p.ref ? [] : [p.ref]));
  let session: TrustSession;
  if (args.archive) {
    try {
      const { archiveSession } = await import('./archive-source.ts');
      session = await archiveSession(args.archive, refs);
    } catch (error) {
      io.stderr(`${(error as Error).message}\n`);
      return 1;
    }
  } else session = verifyAll(refs, args, io);

  if (args.status) {
    const { printStatus } = await import('./status.ts');
    const bad = parsed.find((p) => 'error' in p.ref);
    if (bad) {
      io.stderr(`${(bad.ref as { error: string }).error}\n`);
      return 1;
    }
    return printStatus(refs, session, args, io);
  }

  if (args.pretty) {
    // Docker stops at the first image it cannot print.
    for (const [index, { ref }] of parsed.entries()) {
      if ('error' in ref) {
        io.stderr(`${ref.error}\n`);
        return 1;
      }
      const result = await session.resultFor(ref);
      if (result.kind !== 'verified') {
        debug(io, result);
        io.stderr(`${dockerError(ref.input)}\n`);
        return 1;
      }
      io.stdout(prettyInspect(result.view, ref.input, ref.tag));
      if (index < parsed.length - 1) io.stdout('\n\n');
    }
    return 0;
  }

  const objects: unknown[] = [];
  const errors: string[] = [];
  if (io.env.CONTENT_TRUST_DEBUG) {
    await Promise.all(refs.map((r) => session.resultFor(r)));
    io.stderr(
      `timing: started ${performance.timeOrigin.toFixed(0)}; verified at ${performance.now().toFixed(0)} ms\n`,
    );
  }
  for (const { ref } of parsed) {
    if ('error' in ref) {
      errors.push(ref.error);
      continue;
    }
    const result = await session.resultFor(ref);
    if (result.kind === 'verified') objects.push(dockerInspect(result.view, ref.input, ref.tag));
    else {
      debug(io, result);
      errors.push(dockerError(ref.input));
    }
  }
  io.stdout(objects.length === 0 ? '[]\n' : goJsonIndent(objects) + '\n');
  if (errors.length > 0) {
    io.stderr(errors.join('\n') + '\n');
    return 1;
  }
  return 0;
}

function debug(io: Io, result: VerifyResult) {
  if (io.env.CONTENT_TRUST_DEBUG) io.stderr(`${describeFailure(result)}\n`);
}

export type { ImageRef };
