// What a DOCKER_CONTENT_TRUST=1 client pulls for NAME:TAG (docker/cli cli/command/image/trust.go
// getTrustedPullTargets + convertTarget): the target found first in targets/releases, then in
// targets (Notary's GetTargetByName priority walk), accepted only when the role it was found in is
// one of those two. The one implementation of that rule: the CLI's `resolve`, the per-tag statuses and
// the portal's "as a content-trust client sees it" view all call resolveTrustedTag.
import type { TrustView, VerifyResult } from '../verify/types.ts';
import { RELEASES_ROLE, BASE_TARGETS_ROLE, isReleasedRole } from './roles.ts';
import { getTargetByName, type TargetWithRole } from './walk.ts';

export type TrustedTagResolution =
  | {
      kind: 'signed';
      tag: string;
      /** `sha256:<hex>`: what the client pins the pull to. */
      digest: string;
      /** `targets/releases` or `targets`. */
      role: string;
      length: number;
    }
  | {
      kind: 'refused';
      tag: string;
      /**
       * no-such-target: in no visible role ("No valid trust data for TAG");
       * delegation-only: found first in another delegation ("No trust data for TAG");
       * no-sha256: the target carries no sha256 ("no valid hash, expecting sha256").
       */
      reason: 'no-such-target' | 'delegation-only' | 'no-sha256';
      /** The role the walk found the tag in (delegation-only, no-sha256). */
      role?: string;
      /** Docker's own message for the refusal. */
      message: string;
    };

/** The released-role target for `tag`, whatever its hashes (undefined when Docker would not use it). */
export function releasedTarget(view: TrustView, tag: string): TargetWithRole | undefined {
  const found = getTargetByName(view, tag, [RELEASES_ROLE, BASE_TARGETS_ROLE]);
  return found && isReleasedRole(found.role) ? found : undefined;
}

/**
 * Resolves `tag` over verified trust data exactly as `docker pull` with content trust does. Pure: no
 * I/O, no clock; `view` must come from a `verified` VerifyResult.
 */
export function resolveTrustedTag(view: TrustView, tag: string): TrustedTagResolution {
  const found = getTargetByName(view, tag, [RELEASES_ROLE, BASE_TARGETS_ROLE]);
  if (!found)
    return { kind: 'refused', tag, reason: 'no-such-target', message: `No valid trust data for ${tag}` };
  if (!isReleasedRole(found.role))
    return {
      kind: 'refused',
      tag,
      reason: 'delegation-only',
      role: found.role,
      message: `No trust data for ${tag}`,
    };
  if (found.target.sha256Hex === '')
    return {
      kind: 'refused',
      tag,
      reason: 'no-sha256',
      role: found.role,
      message: 'no valid hash, expecting sha256',
    };
  return {
    kind: 'signed',
    tag,
    digest: `sha256:${found.target.sha256Hex}`,
    role: found.role,
    length: found.target.length,
  };
}

/**
 * Docker's message when the trust data itself cannot be used (trust.NotaryError), for a result that is
 * not `verified`. `serverHost` is the trust server's host[:port] as Docker names it.
 */
export function trustFailureMessage(result: Exclude<VerifyResult, { kind: 'verified' }>, serverHost: string) {
  switch (result.kind) {
    case 'no-trust-data':
      return `Error: remote trust data does not exist for ${result.gun}: ${serverHost} does not have trust data for ${result.gun}`;
    case 'unreachable':
      return `Error: error contacting notary server: ${result.message}`;
    case 'invalid':
      switch (result.check) {
        case 'expired':
          return `Error: remote repository ${result.gun} out-of-date: ${result.message}`;
        case 'rollback':
          return `Warning: potential malicious behavior - trust data version is lower than expected for remote repository ${result.gun}: ${result.message}`;
        case 'signature':
          return `Warning: potential malicious behavior - trust data has insufficient signatures for remote repository ${result.gun}: ${result.message}`;
        default:
          return `Warning: potential malicious behavior - trust data mismatch for remote repository ${result.gun}: ${result.role}: ${result.message}`;
      }
  }
}
