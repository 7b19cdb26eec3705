// The portal's BFF as a browser calls it: real portal tokens of seeded identities from the stack's
// identity provider, HTTPS through the portal URL in stack.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ARM_SCOPE, userToken, type Stack } from './stack.ts';

export const PORTAL_SCOPE = 'api://content-trust-bff/access_as_user';

export interface BffAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** GET on the BFF's API with a bearer token (or none); the JSON answer, problem or not. */
export async function bffGet<T = Record<string, unknown>>(
  s: Stack,
  apiPath: string,
  token?: string,
): Promise<BffAnswer<T>> {
  const response = await fetch(`${s.portal!.url}${apiPath}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** Portal and ARM tokens per seeded identity, fetched once per test file. */
export function tokenBook(s: Stack) {
  const portal = new Map<string, Promise<string>>();
  const arm = new Map<string, Promise<string>>();
  const once = (cache: Map<string, Promise<string>>, key: string, scope: string) => {
    if (!cache.has(key)) cache.set(key, userToken(s, key, scope));
    return cache.get(key)!;
  };
  return {
    portal: (key: string) => once(portal, key, PORTAL_SCOPE),
    arm: (key: string) => once(arm, key, ARM_SCOPE),
    /** Every token handed out so far (to check none of them reaches a log). */
    async all(): Promise<string[]> {
      return Promise.all([...portal.values(), ...arm.values()]);
    },
  };
}

/** The portal process's log (the stack's supervisor writes it under <data dir>/logs/). */
export function portalLog(s: Stack): string {
  return readFileSync(path.join(s.dataDir, 'logs', 'portal.log'), 'utf8');
}
