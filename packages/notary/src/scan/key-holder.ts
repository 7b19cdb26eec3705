// Who holds a repository's snapshot key: Notary's server answers `<gun>/_trust/tuf/snapshot.key` with
// the key it signs snapshots with only when it holds the key the root names (server-managed snapshot);
// for a client-held snapshot key it refuses. Timestamp keys are always the server's.
import { tufKeyId } from '../keys/key-id.ts';
import type { NotaryApi } from '../client/server-api.ts';
import type { TrustView } from '../verify/types.ts';
import type { KeyHolder } from './trust-details.ts';

export async function snapshotKeyHolder(api: NotaryApi, view: TrustView): Promise<KeyHolder> {
  const answer = await api.serverKey(view.gun, 'snapshot');
  if (answer.kind === 'ok') {
    try {
      const doc = JSON.parse(new TextDecoder().decode(answer.bytes)) as Parameters<typeof tufKeyId>[0];
      const id = await tufKeyId(doc);
      return view.snapshot.keys.some((k) => k.id === id) ? 'server' : 'repository owner';
    } catch {
      return 'unknown';
    }
  }
  if (
    answer.kind === 'error' &&
    (answer.status === undefined || answer.status === 401 || answer.status === 403)
  )
    return 'unknown'; // not reachable or not allowed to ask: say so rather than guess
  return 'repository owner';
}
