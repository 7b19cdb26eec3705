// The rollback / TOFU reference of every GUN, shared by the replicas: what one replica pinned (root,
// highest versions seen) is enforced by all. One Redis hash per login server (field = GUN), so forgetting a
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

export interface SharedSeenStore extends SeenStore {
  /** Forgets the state of every GUN of `loginServer` (content trust disabled there). */
  forgetLoginServer(loginServer: string): Promise<void>;
}

export function redisSeenStore(store: SharedStore): SharedSeenStore {
  const local = memorySeenStore();
  const forgetLocal = (loginServer: string) => {
    for (const [gun] of local.entries())
      if (loginServerOf(gun) === loginServer) local.set(gun, { versions: {} });
  };
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
    async forgetLoginServer(loginServer) {
      forgetLocal(loginServer);
      await store.run('forget seen', (r) => r.del(seenKey(loginServer)));
    },
  };
}
