// The rollback / TOFU reference of every GUN, shared by the replicas: what one replica pinned (root,
// highest versions seen) is enforced by all. One Redis hash per key prefix before the first `/` (a
// registry: its login server, namespaced by generation in services/trust-pins.ts), so forgetting a
// registry is one DEL. Writes merge on the server (highest version per role, newest root) so two replicas
// racing can never lower the reference. While Redis is unavailable this replica uses its own copy (kept
// on every write); when Redis answers again it is the reference again.
import { memorySeenStore, type SeenState, type SeenStore } from '@ctp/notary';
import type { SharedStore } from './redis-connection.ts';

/** `<loginServer>/<repository>` → the login server (GUNs of ACR-style registries always have one). */
export function loginServerOf(gun: string): string {
  const slash = gun.indexOf('/');
  return slash < 0 ? gun : gun.slice(0, slash);
}

export const seenKey = (loginServer: string) => `seen:${loginServer}`;

// KEYS[1] the hash, ARGV[1] the GUN, ARGV[2] the new state. Hand-written Lua because the merge must be
// atomic on the server; it is the same rule as the verifier's mergeSeen (max per role, newer root).
const MERGE_SEEN = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
local new = cjson.decode(ARGV[2])
if old then
  local prev = cjson.decode(old)
  for role, v in pairs(prev.versions or {}) do
    if (new.versions[role] or 0) < v then new.versions[role] = v end
  end
  if prev.root and (not new.root or new.root.version < prev.root.version) then new.root = prev.root end
end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(new))
return 1`;

export function redisSeenStore(store: SharedStore): SeenStore {
  const local = memorySeenStore();
  return {
    async get(gun) {
      const shared = await store.run('get seen', (r) => r.hget(seenKey(loginServerOf(gun)), gun));
      if (shared === undefined) return local.get(gun); // Redis unavailable: this replica's own reference
      if (shared === null) return undefined;
      return JSON.parse(shared) as SeenState;
    },
    async set(gun, state) {
      local.set(gun, state);
      await store.run('merge seen', (r) =>
        r.eval(MERGE_SEEN, 1, seenKey(loginServerOf(gun)), gun, JSON.stringify(state)),
      );
    },
    async forgetPrefix(prefix) {
      local.forgetPrefix(prefix);
      await forgetSharedPrefix(store, seenKey, prefix);
    },
  };
}

/**
 * Deletes the fields under `prefix` of the login server's hash: the whole hash (one DEL) for a
 * registry's prefix `<loginServer>/`, else the matching fields.
 */
export async function forgetSharedPrefix(
  store: SharedStore,
  hashOf: (loginServer: string) => string,
  prefix: string,
): Promise<void> {
  const loginServer = loginServerOf(prefix);
  const hash = hashOf(loginServer);
  if (prefix === `${loginServer}/`) {
    await store.run('forget', (r) => r.del(hash));
    return;
  }
  await store.run('forget', async (r) => {
    const fields = (await r.hkeys(hash)).filter((gun) => gun.startsWith(prefix));
    if (fields.length > 0) await r.hdel(hash, ...fields);
  });
}
