// What the BFF pins per GUN (the first root it trusted, the highest versions it saw) guards against a
// trust server that swaps roots or rolls metadata back. Two events legitimately start a GUN over with a
// new root, and only the control plane (ARM) may vouch for them, never the trust server's own answers:
// - content trust disabled: the registry's trust data is deleted; its pins are forgotten when the
//   portal disables it, and while ARM shows it disabled nothing is pinned;
// - the registry deleted and created again under the same name (Azure reuses the name, so the login
//   server and every GUN are the same): pins are kept per registry generation (its creation time).
import type { Registry } from '@ctp/contracts';
import { createTrustCache, forgetTrustUnder, type TrustCache } from '@ctp/notary';

type PinnedRegistry = Pick<Registry, 'contentTrust' | 'loginServer' | 'createdAt'>;

/** The key prefix of one registry generation's pins (no `/`: a store may group keys by login server). */
const generationOf = (registry: Pick<Registry, 'createdAt'>) => `${registry.createdAt ?? 'undated'}|`;

/** `cache` with every GUN's pins and views kept under `namespace` (checksum-addressed files are shared). */
function namespaced(cache: TrustCache, namespace: string): TrustCache {
  const key = (gun: string) => `${namespace}${gun}`;
  return {
    files: cache.files,
    memo: cache.memo,
    views: {
      get: (gun) => cache.views.get(key(gun)),
      set: (gun, entry) => cache.views.set(key(gun), entry),
      delete: (gun) => cache.views.delete(key(gun)),
      *keys() {
        for (const k of cache.views.keys()) if (k.startsWith(namespace)) yield k.slice(namespace.length);
      },
    },
    seen: {
      get: (gun) => cache.seen.get(key(gun)),
      set: (gun, state) => cache.seen.set(key(gun), state),
      forgetPrefix: (prefix) => cache.seen.forgetPrefix(key(prefix)),
    },
  };
}

/** Forgets what was pinned for every repository of `registry` (GUNs are `<login server>/<repository>`). */
export function forgetRegistryPins(shared: TrustCache, registry: Omit<PinnedRegistry, 'contentTrust'>) {
  return forgetTrustUnder(namespaced(shared, generationOf(registry)), `${registry.loginServer}/`);
}

/**
 * The trust cache a scan of `registry` uses: its generation's pins while content trust is enabled; while
 * it is disabled (its data deleted or being deleted), old pins are forgotten and the scan gets a cache of
 * its own, so a scan during the deletion cannot pin a root that is about to go away.
 */
export async function trustCacheFor(shared: TrustCache, registry: PinnedRegistry): Promise<TrustCache> {
  if (registry.contentTrust === 'enabled') return namespaced(shared, generationOf(registry));
  await forgetRegistryPins(shared, registry);
  return createTrustCache({ maxViews: 100 });
}
