// What the BFF pins per GUN (the first root it trusted, the highest versions it saw) guards against a
// trust server that swaps roots or rolls metadata back. Disabling content trust deletes a registry's
// trust data and a publisher then starts over with a new root: only the control plane (ARM) may vouch
// for that reset, so the pins of a registry are forgotten when ARM says its content trust is (being)
// disabled — never because the trust server merely answers "no trust data".
import type { RegistryDetail } from '@ctp/contracts';
import { createTrustCache, forgetTrustUnder, type TrustCache } from '@ctp/notary';

/** GUNs of a registry are `<login server>/<repository>` (the login server as ARM names it, as scans do). */
const gunsOf = (loginServer: string) => `${loginServer}/`;

/** Forgets what was pinned for every repository of the registry at `loginServer`. */
export function forgetRegistryPins(cache: TrustCache, loginServer: string): Promise<void> {
  return forgetTrustUnder(cache, gunsOf(loginServer));
}

/**
 * The trust cache a scan of `registry` may use. While content trust is disabled (its data deleted or
 * being deleted) nothing is pinned: old pins are forgotten and the scan gets a cache of its own, so a
 * scan during the deletion cannot pin a root that is about to go away.
 */
export async function trustCacheFor(
  shared: TrustCache,
  registry: Pick<RegistryDetail, 'contentTrust' | 'loginServer'>,
): Promise<TrustCache> {
  if (registry.contentTrust === 'enabled') return shared;
  await forgetRegistryPins(shared, registry.loginServer);
  return createTrustCache({ maxViews: 100 });
}
