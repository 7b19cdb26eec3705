// The portal's BFF API as a seeded person calls it: a real portal token from the identity provider
// (the BFF's API scope), JSON in and out, the status kept for assertions.
import { stack, userToken, type Stack } from './stack.ts';

export const PORTAL_SCOPE = 'api://content-trust-bff/access_as_user';

export interface PortalAnswer<T = unknown> {
  status: number;
  contentType: string | null;
  body: T;
}

export interface PortalApi {
  get<T = unknown>(path: string): Promise<PortalAnswer<T>>;
  send<T = unknown>(method: string, path: string, body?: unknown): Promise<PortalAnswer<T>>;
}

export async function portalApi(s: Stack, key: string): Promise<PortalApi> {
  if (!s.portal) throw new Error('the stack runs without the portal (--no-portal)');
  const token = await userToken(s, key, PORTAL_SCOPE);
  const base = s.portal.url;
  const send = async <T>(method: string, path: string, body?: unknown): Promise<PortalAnswer<T>> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  };
  return { get: (path) => send('GET', path), send };
}

/** The BFF path of a registry's access-control blade. */
export function accessControlPath(s: Stack, registryName: string, resourceGroup = 'registries-rg'): string {
  return `/api/subscriptions/${s.arm.subscriptionId}/resourceGroups/${resourceGroup}/registries/${registryName}/access-control`;
}

export { stack };
