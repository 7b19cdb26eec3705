// The portal's BFF API as a seeded person calls it: a real portal token from the identity provider
// (the BFF's API scope), JSON in and out with the status kept for assertions, and NDJSON answers read
// line by line as they stream.
import { ndjsonLines } from './ndjson.ts';
import { stack, userToken, type Stack } from './stack.ts';

export const PORTAL_SCOPE = 'api://content-trust-bff/access_as_user';

export interface RegistryRef {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
}

export interface PortalAnswer<T = unknown> {
  status: number;
  contentType: string | null;
  body: T;
}

export function repositoriesPath(ref: RegistryRef, tail: string): string {
  return `/api/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/registries/${ref.registryName}/repositories/${tail}`;
}

/** The BFF path of a registry's access-control blade. */
export function accessControlPath(s: Stack, registryName: string, resourceGroup = 'registries-rg'): string {
  return `/api/subscriptions/${s.arm.subscriptionId}/resourceGroups/${resourceGroup}/registries/${registryName}/access-control`;
}

export class PortalApi {
  private constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  static async as(s: Stack, key: string): Promise<PortalApi> {
    if (!s.portal) throw new Error('the stack runs without the portal (--no-portal)');
    return new PortalApi(s.portal.url, await userToken(s, key, PORTAL_SCOPE));
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    return fetch(`${this.base}${path}`, { ...init, headers });
  }

  get<T = unknown>(path: string): Promise<PortalAnswer<T>> {
    return this.send<T>('GET', path);
  }

  async send<T = unknown>(method: string, path: string, body?: unknown): Promise<PortalAnswer<T>> {
    const response = await this.fetch(path, {
      method,
      ...(body !== undefined
        ? {
            headers: { 'content-type': 'application/json' },
            body: typeof body === 'string' ? body : JSON.stringify(body),
          }
        : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  }

  async json<T>(path: string): Promise<T> {
    const response = await this.fetch(path);
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Each JSON line of an NDJSON answer as it arrives; `onLine` returning false stops reading (and aborts). */
  async lines<T>(path: string, onLine: (line: T) => boolean | void = () => true): Promise<T[]> {
    const abort = new AbortController();
    const response = await this.fetch(path, { signal: abort.signal });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    const out: T[] = [];
    for await (const line of ndjsonLines<T>(response.body!)) {
      out.push(line);
      if (onLine(line) === false) {
        abort.abort();
        return out;
      }
    }
    return out;
  }
}

/** The access-control tests' spelling of `PortalApi.as`. */
export function portalApi(s: Stack, key: string): Promise<PortalApi> {
  return PortalApi.as(s, key);
}

export { stack };
