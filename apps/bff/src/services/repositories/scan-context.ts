// What a repositories request needs upstream, as the caller: the registry (from ARM, so only a login
// server ARM named is contacted), a registry client and a trust client bound to the request's signal,
// and the shared caches.
import type { RegistryDetail, RegistryRef } from '@ctp/contracts';
import {
  createTrustClient,
  scanScopeBatches,
  type RepositoryScanContext,
  type ScanCache,
  type TrustCache,
} from '@ctp/notary';
import type { Caller } from '../../auth/token-verifier.ts';
import type { ArmClients } from '../../azure/arm.ts';
import type { LoginServerAccess } from '../../registry/login-server-access.ts';
import { RegistryService } from '../registries.ts';
import { trustCacheFor } from '../trust-pins.ts';

export interface RepositoryDependencies {
  loginServers: LoginServerAccess;
  /** Verified trust views per GUN (the verifier's fast path: one timestamp request when unchanged). */
  trustCache: TrustCache;
  /** Repository results keyed by the timestamp checksum, and registry digests for seconds. */
  scanCache: ScanCache;
  /** Repositories scanned at once (default 4). */
  scanConcurrency?: number;
}

export interface ScanSetup {
  registry: RegistryDetail;
  context: RepositoryScanContext;
  /** Plans token batches once the repositories to scan are known (one token request per 8 of them). */
  planTokens(repositories: readonly string[]): void;
}

export async function scanSetup(
  arm: ArmClients,
  caller: Caller,
  deps: RepositoryDependencies,
  ref: RegistryRef,
  signal?: AbortSignal,
): Promise<ScanSetup> {
  const registry = await new RegistryService(arm).get(ref);
  const token = () => arm.token();
  const batches = scanScopeBatches(registry.loginServer);
  const companionScopes = (scopes: readonly string[]) => batches.companions(scopes);
  const [client, credentials, cache] = await Promise.all([
    deps.loginServers.client(caller, registry, token, { ...(signal ? { signal } : {}), companionScopes }),
    deps.loginServers.credentials(caller, registry, token),
    trustCacheFor(deps.trustCache, registry),
  ]);
  const trust = createTrustClient({
    serverUrl: `https://${registry.loginServer}`,
    fetch: deps.loginServers.fetchFor(signal),
    credentials,
    tokenCache: deps.loginServers.tokenCache,
    companionScopes,
    cache,
  });
  return {
    registry,
    planTokens: (repositories) => batches.plan(repositories),
    context: {
      loginServer: registry.loginServer,
      registry: client,
      trust,
      cache: deps.scanCache,
      ...(signal ? { signal } : {}),
    },
  };
}
