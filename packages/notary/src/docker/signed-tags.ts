// Docker's signed-tag rule over a whole view (the per-tag rule itself lives in resolve.ts).
import type { TrustView } from '../verify/types.ts';
import { isReleasedRole } from './roles.ts';
import { releasedTarget } from './resolve.ts';
import { walkTargets, type TargetWithRole } from './walk.ts';

export { RELEASES_ROLE, BASE_TARGETS_ROLE, isReleasedRole } from './roles.ts';

/** The target a content-trust client takes for `tag` (any hashes), or undefined when it would refuse. */
export function dockerSignedTarget(view: TrustView, tag: string): TargetWithRole | undefined {
  return releasedTarget(view, tag);
}

/** Every tag name a content-trust client could pull (names in targets/releases or targets). */
export function dockerSignedTagNames(view: TrustView): string[] {
  const names = new Set<string>();
  walkTargets(view, '', '', (role) => {
    if (isReleasedRole(role.name)) for (const name of Object.keys(role.targets)) names.add(name);
    return false;
  });
  return [...names].filter((n) => releasedTarget(view, n) !== undefined).sort();
}
