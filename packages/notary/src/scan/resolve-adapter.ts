// What a DOCKER_CONTENT_TRUST=1 client pulls for a tag (DESIGN.md "the resolve rule"): targets/releases
// first, then targets, accepted only from one of those two roles.
// TODO(issue 9): swap for `resolveTrustedTag` from '../docker/resolve.ts' (same name and result shape)
// once the CLI helper's branch lands; this adapter only exists so the scan can be built meanwhile.
import type { TrustView } from '../verify/types.ts';
import { isReleasedRole, RELEASES_ROLE, BASE_TARGETS_ROLE } from '../docker/signed-tags.ts';
import { getTargetByName } from '../docker/walk.ts';

export type TrustedTagResolution =
  | { kind: 'signed'; tag: string; digest: string; role: string; length: number }
  | {
      kind: 'refused';
      tag: string;
      reason: 'no-such-target' | 'delegation-only' | 'no-sha256';
      role?: string;
      message: string;
    };

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
