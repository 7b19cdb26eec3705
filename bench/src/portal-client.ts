// The BFF's API as the SPA calls it (a real portal token of a seeded person), with NDJSON answers read
// line by line, and the moments the first and last lines arrived.
import type { RegistryRef } from '@ctp/contracts';
import { userToken, type Stack } from '../../e2e/stack/support/stack.ts';
import { PORTAL_SCOPE } from '../../e2e/stack/support/portal-api.ts';

export interface Streamed<T> {
  lines: T[];
  /** Milliseconds from the request to the first line matching `isFirst`, and to the end of the answer. */
  firstMs: number;
  totalMs: number;
}

export class PortalClient {
  private constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  static async as(s: Stack, base: string, key = 'owner'): Promise<PortalClient> {
    return new PortalClient(base, await userToken(s, key, PORTAL_SCOPE));
  }

  get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async stream<T>(path: string, isFirst: (line: T) => boolean = () => true): Promise<Streamed<T>> {
    const start = performance.now();
    const response = await fetch(`${this.base}${path}`, { headers: this.headers });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    const lines: T[] = [];
    let firstMs = Number.NaN;
    let buffered = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) {
      buffered += decoder.decode(chunk, { stream: true });
      let at: number;
      while ((at = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, at)) as T;
        buffered = buffered.slice(at + 1);
        lines.push(line);
        if (Number.isNaN(firstMs) && isFirst(line)) firstMs = performance.now() - start;
      }
    }
    return { lines, firstMs, totalMs: performance.now() - start };
  }
}

export function repositoriesPath(ref: RegistryRef, tail: string): string {
  return `/api/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/registries/${ref.registryName}/repositories/${tail}`;
}
