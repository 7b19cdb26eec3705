// The trust client's cache for several replicas: the seen store (rollback / TOFU reference) and the last
// verified view per GUN live in Redis, so a GUN verified by one replica costs another one timestamp
// request; checksum-addressed files and the signature memo stay in this process (they only save work
// inside one verification). The verifier reads views synchronously, so the shared view is fetched at the
// one asynchronous step before it: the seen-store read that starts every verification.
import {
  createTrustCache,
  type SeenState,
  type SeenStore,
  type TrustCache,
  type TrustView,
} from '@ctp/notary';
import type { SharedStore } from './redis-connection.ts';
import { forgetSharedPrefix, loginServerOf, redisSeenStore } from './redis-seen-store.ts';

type ViewEntry = { view: TrustView; seen: SeenState };

export const viewKey = (loginServer: string) => `view:${loginServer}`;

export function redisTrustCache(store: SharedStore): TrustCache {
  const shared = redisSeenStore(store);
  const base = createTrustCache({ seen: shared });
  const views = base.views;
  const seen: SeenStore = {
    async get(gun) {
      const [state, view] = await Promise.all([shared.get(gun), sharedView(gun)]);
      const mine = views.get(gun);
      if (view && view.view.timestampSha256 !== mine?.view.timestampSha256) {
        views.set(gun, view);
        store.counters.trustViewsShared++;
      }
      return state;
    },
    set: (gun, state) => shared.set(gun, state),
    // forgetTrustUnder deletes this replica's views itself; the shared ones go with the seen state.
    async forgetPrefix(prefix) {
      await shared.forgetPrefix(prefix);
      await forgetSharedPrefix(store, viewKey, prefix);
    },
  };
  const sharedView = async (gun: string): Promise<ViewEntry | undefined> => {
    const json = await store.run('get view', (r) => r.hget(viewKey(loginServerOf(gun)), gun));
    return typeof json === 'string' ? (JSON.parse(json) as ViewEntry) : undefined;
  };
  return {
    ...base,
    seen,
    views: {
      get: (gun) => views.get(gun),
      keys: () => views.keys(),
      set(gun, entry) {
        views.set(gun, entry);
        void store.run('set view', (r) => r.hset(viewKey(loginServerOf(gun)), gun, JSON.stringify(entry)));
      },
      delete(gun) {
        views.delete(gun);
        void store.run('delete view', (r) => r.hdel(viewKey(loginServerOf(gun)), gun));
      },
    },
  };
}
