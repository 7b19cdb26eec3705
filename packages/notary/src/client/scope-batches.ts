// Token requests in batches: when many GUNs are verified together (a registry scan, a CLI run over many
// images), their pull scopes are cut into fixed blocks, and the token asked for one GUN asks for its
// whole block, so one token request serves a block of repositories whichever of them asks first (see
// @ctp/registry's AuthorizedFetchOptions.companionScopes).
import { parseScope } from '@ctp/registry';

/** Repositories per token request: 16 pull scopes keep the token (and the header carrying it) ~2 KB. */
export const SCOPE_BATCH = 16;

/** The pull scope's repository name, when `scopes` is one pull scope of a repository. */
function pulledName(scopes: readonly string[]): string | undefined {
  const scope = scopes.length === 1 ? parseScope(scopes[0]!) : undefined;
  return scope?.type === 'repository' && scope.actions.join() === 'pull' ? scope.name : undefined;
}

/** The block of `size` consecutive items that holds item `at` (blocks start at 0, size, 2 × size…). */
function blockOf<T>(items: readonly T[], at: number, size: number): T[] {
  const start = at - (at % size);
  return items.slice(start, start + size);
}

/** Companion scopes for `guns` verified together: a GUN's pull scope brings its block's others. */
export function gunScopeBatches(
  guns: readonly string[],
  batch = SCOPE_BATCH,
): (scopes: readonly string[]) => string[] {
  const index = new Map(guns.map((gun, i) => [gun, i]));
  return (scopes) => {
    const name = pulledName(scopes);
    const at = name === undefined ? undefined : index.get(name);
    return at === undefined
      ? []
      : blockOf(guns, at, batch)
          .filter((gun) => gun !== name)
          .map((gun) => `repository:${gun}:pull`);
  };
}

/**
 * Companion scopes for a registry scan, planned once the catalog is listed: a token asked for a
 * repository's listing or trust data also asks for its other scope and for both scopes of the other
 * repositories of its block (registry and trust server share one token service on a login server, as on
 * ACR).
 */
export function scanScopeBatches(loginServer: string, batch = SCOPE_BATCH) {
  let repositories: string[] = [];
  let order = new Map<string, number>();
  const scopesOf = (repository: string) => [
    `repository:${repository}:pull`,
    `repository:${loginServer}/${repository}:pull`,
  ];
  const gunPrefix = `${loginServer}/`;
  return {
    /** The repositories about to be scanned. */
    plan(list: readonly string[]): void {
      repositories = [...list];
      order = new Map(repositories.map((repository, i) => [repository, i]));
    },
    companions(scopes: readonly string[]): string[] {
      const name = pulledName(scopes);
      if (name === undefined) return [];
      const repository = name.startsWith(gunPrefix) ? name.slice(gunPrefix.length) : name;
      const at = order.get(repository);
      if (at === undefined) return [];
      return blockOf(repositories, at, Math.ceil(batch / 2))
        .flatMap(scopesOf)
        .filter((s) => s !== scopes[0]);
    },
  };
}
