// The portal's Repositories API as the SPA calls it: a real portal token for a seeded identity, JSON
// and NDJSON answers (read line by line as they stream).
import { userToken, type Stack } from './stack.ts';

export const PORTAL_SCOPE = 'api://content-trust-bff/access_as_user';

export interface RegistryRef {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
}

export function repositoriesPath(ref: RegistryRef, tail: string): string {
  return `/api/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/registries/${ref.registryName}/repositories/${tail}`;
}

export class PortalApi {
  private constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  static async as(s: Stack, key: string): Promise<PortalApi> {
    if (!s.portal) throw new Error('the stack runs without the portal');
    return new PortalApi(s.portal.url, await userToken(s, key, PORTAL_SCOPE));
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    return fetch(`${this.base}${path}`, { ...init, headers });
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
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += value;
        let at: number;
        while ((at = buffered.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffered.slice(0, at)) as T;
          buffered = buffered.slice(at + 1);
          out.push(line);
          if (onLine(line) === false) {
            abort.abort();
            return out;
          }
        }
      }
    } finally {
      reader.releaseLock();
    }
    return out;
  }
}
