// Docker's signed-tag rule: GetTargetByName(tag, "targets/releases", "targets"), accepted only when
// found in exactly one of those two roles (a tag only in targets/alice is not pullable).
import type { TrustView } from '../verify/types.ts';
import { getTargetByName, walkTargets, type TargetWithRole } from './walk.ts';

export const RELEASES_ROLE = 'targets/releases';
export const BASE_TARGETS_ROLE = 'targets';

export function isReleasedRole(role: string): boolean {
  return role === RELEASES_ROLE || role === BASE_TARGETS_ROLE;
}

/** The target a content-trust client pulls for `tag`, or undefined when it would refuse. */
export function dockerSignedTarget(view: TrustView, tag: string): TargetWithRole | undefined {
  const found = getTargetByName(view, tag, [RELEASES_ROLE, BASE_TARGETS_ROLE]);
  return found && isReleasedRole(found.role) ? found : undefined;
}

/** Every tag name a content-trust client could pull (names in targets/releases or targets). */
export function dockerSignedTagNames(view: TrustView): string[] {
  const names = new Set<string>();
  walkTargets(view, '', '', (role) => {
    if (isReleasedRole(role.name)) for (const name of Object.keys(role.targets)) names.add(name);
    return false;
  });
  return [...names].filter((n) => dockerSignedTarget(view, n) !== undefined).sort();
}
