// One round trip per GUN for a client that verifies each GUN once (the CLI): the current snapshot and
// targets are asked for together with the timestamp, before the timestamp says which snapshot (and the
// snapshot which targets) the chain binds. Notary's client asks for them by checksum one after the
// other — three round trips. A guess is used only when its sha256 is the checksum the chain asks for,
// which makes it the very file `<role>.<sha256>.json` serves; otherwise (the GUN was published in
// between, or the server answered something else) that file is fetched by checksum as usual.
import { sha256Hex } from '../encoding.ts';
import { MAX_METADATA_BYTES } from '../metadata/parse.ts';
import type { FetchResult, MetadataSource } from '../verify/source.ts';

const GUESSED_ROLES = ['snapshot', 'targets'] as const;

export function speculativeSource(inner: MetadataSource): MetadataSource {
  let guesses: Map<string, Promise<FetchResult>> | undefined;
  return {
    current(role, max) {
      if (role === 'timestamp' && !guesses)
        guesses = new Map(GUESSED_ROLES.map((r) => [r, inner.current(r, MAX_METADATA_BYTES)]));
      return inner.current(role, max);
    },
    byVersion: (role, version, max) => inner.byVersion(role, version, max),
    async byChecksum(role, hex, max) {
      const guess = guesses?.get(role);
      guesses?.delete(role); // a guess answers once: a second ask is for another file
      if (guess) {
        const r = await guess;
        if (r.kind === 'ok' && r.bytes.length <= max && (await sha256Hex(r.bytes)) === hex.toLowerCase())
          return r;
      }
      return inner.byChecksum(role, hex, max);
    },
  };
}
