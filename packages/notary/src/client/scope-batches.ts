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

/**
 * Companion scopes for a registry scan, planned once the catalog is listed: a token asked for a
 * repository's listing or trust data also asks for its other scope and for the next repositories'
 * two (registry and trust server share one token service on a login server, as on ACR).
 */
export function scanScopeBatches(loginServer: string, batch = SCOPE_BATCH) {
  let repositories: string[] = [];
  let order = new Map<string, number>();
  const scopesOf = (repository: string) => [
    `repository:${repository}:pull`,
    `repository:${loginServer}/${repository}:pull`,
  ];
  return {
    /** The repositories in the order they will be scanned. */
    plan(list: readonly string[]): void {
      repositories = [...list];
      order = new Map(repositories.map((repository, i) => [repository, i]));
    },
    companions(scopes: readonly string[]): string[] {
      const scope = scopes.length === 1 ? parseScope(scopes[0]!) : undefined;
      if (scope?.type !== 'repository' || scope.actions.join() !== 'pull') return [];
      const gunPrefix = `${loginServer}/`;
      const repository = scope.name.startsWith(gunPrefix) ? scope.name.slice(gunPrefix.length) : scope.name;
      const at = order.get(repository);
      if (at === undefined) return [];
      return repositories
        .slice(at, at + Math.ceil(batch / 2))
        .flatMap(scopesOf)
        .filter((s) => s !== scopes[0]);
    },
  };
}
