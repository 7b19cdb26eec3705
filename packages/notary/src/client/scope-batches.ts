// Token requests in batches: when GUNs are verified in a known order (a registry scan, a CLI run over
// many images), the token asked for one GUN also asks for the next ones' pull scopes, so one token
// request serves a batch of repositories (see @ctp/registry's AuthorizedFetchOptions.companionScopes).
import { parseScope } from '@ctp/registry';

/** Repositories per token request: 16 pull scopes keep the token (and the header carrying it) ~2 KB. */
export const SCOPE_BATCH = 16;

/** Companion scopes for `guns` verified in this order: after a GUN's pull scope, the next GUNs'. */
export function nextGunScopes(
  guns: readonly string[],
  batch = SCOPE_BATCH,
): (scopes: readonly string[]) => string[] {
  const index = new Map(guns.map((gun, i) => [gun, i]));
  return (scopes) => {
    const scope = scopes.length === 1 ? parseScope(scopes[0]!) : undefined;
    const at =
      scope?.type === 'repository' && scope.actions.join() === 'pull' ? index.get(scope.name) : undefined;
    return at === undefined ? [] : guns.slice(at + 1, at + batch).map((gun) => `repository:${gun}:pull`);
  };
}
