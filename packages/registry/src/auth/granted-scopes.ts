// Which scopes a registry token grants, read from its `access` claim (distribution's token format,
// which ACR's tokens follow). Used only to decide whether a token asked for several scopes at once may
// serve a request for one of them; the registry still checks the token itself on every request.
import { parseScope } from './challenge.ts';

interface AccessEntry {
  type?: unknown;
  name?: unknown;
  actions?: unknown;
}

function claimsOf(token: string): { access?: unknown } | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const b64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)),
    );
    const claims = JSON.parse(json) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as { access?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

/** Does the token's `access` claim grant every action of `scope`? False when it cannot be read. */
export function tokenGrants(token: string, scope: string): boolean {
  const wanted = parseScope(scope);
  const access = claimsOf(token)?.access;
  if (!wanted || !Array.isArray(access)) return false;
  return (access as AccessEntry[]).some(
    (entry) =>
      entry?.type === wanted.type &&
      entry.name === wanted.name &&
      Array.isArray(entry.actions) &&
      wanted.actions.every(
        (a) => (entry.actions as unknown[]).includes(a) || (entry.actions as unknown[]).includes('*'),
      ),
  );
}
