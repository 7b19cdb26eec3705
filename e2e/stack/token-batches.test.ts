// Token requests in batches against the local ACR's real token service, registry and trust server: a
// scan of the seeded Premium registry with scanScopeBatches asks one token per eight repositories (the
// registry and trust scopes of each ride together) and finds exactly what a scan asking one token per
// scope finds.
import {
  createTrustClient,
  listRepositories,
  memoryScanCache,
  scanRegistry,
  scanScopeBatches,
  type RepositorySummary,
} from '@ctp/notary';
import { createRegistryClient, memoryTokenCache, type FetchLike } from '@ctp/registry';
import { beforeAll, describe, expect, it } from 'vitest';
import { basicCredentials, stack, type Stack } from './support/stack.ts';

let s: Stack;
beforeAll(async () => {
  s = await stack();
});

async function scan(
  batched: boolean,
): Promise<{ tokenRequests: string[][]; summaries: RepositorySummary[] }> {
  const tokenRequests: string[][] = [];
  const counting: FetchLike = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname === '/oauth2/token') tokenRequests.push(url.searchParams.getAll('scope'));
    return fetch(input, init);
  };
  const loginServer = s.premium.loginServer;
  const credentials = { kind: 'basic' as const, ...basicCredentials(s, 'ci-signer') };
  const tokenCache = memoryTokenCache();
  const batches = scanScopeBatches(loginServer);
  const companionScopes = batched ? (scopes: readonly string[]) => batches.companions(scopes) : undefined;
  const options = {
    fetch: counting,
    credentials,
    tokenCache,
    ...(companionScopes ? { companionScopes } : {}),
  };
  const registry = createRegistryClient({ baseUrl: `https://${loginServer}`, ...options });
  const trust = createTrustClient({ serverUrl: `https://${loginServer}`, ...options });
  const repositories = await listRepositories(registry);
  batches.plan(repositories);
  const summaries: RepositorySummary[] = [];
  for await (const event of scanRegistry({
    loginServer,
    registry,
    trust,
    cache: memoryScanCache(),
    repositories,
  }))
    if (event.type === 'repository') summaries.push(event.repository);
  return { tokenRequests, summaries: summaries.sort((a, b) => a.repository.localeCompare(b.repository)) };
}

describe('token requests in batches', () => {
  it('one token request per eight repositories of a scan, with the same results as one per scope', async () => {
    const one = await scan(false);
    const batched = await scan(true);
    const comparable = (list: RepositorySummary[]) => list.map(({ verifiedAt: _, ...rest }) => rest);
    expect(comparable(batched.summaries)).toEqual(comparable(one.summaries));
    const repositories = one.summaries.length;
    expect(repositories).toBeGreaterThan(2);
    // Unbatched: the catalog's token, then each repository's registry and trust scopes apart.
    expect(one.tokenRequests).toHaveLength(1 + 2 * repositories);
    expect(batched.tokenRequests).toHaveLength(1 + Math.ceil(repositories / 8));
    expect(batched.tokenRequests[1]).toHaveLength(2 * Math.min(repositories, 8));
  });
});
