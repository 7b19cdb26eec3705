// What a registry's real upstreams were asked: docker-registry (logfmt) and notary-server (JSON) log
// every request (`http.request.uri`) to <dataDir>/logs/<process>-<registry>.log. Counting lines there counts the
// requests the login server passed on, without any instrumentation in the code under test.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Stack } from './stack.ts';

export type Upstream = 'registry' | 'notary-server';

/** Request URIs logged so far by the registry's upstream, in order ("response completed" lines). */
export async function requestUris(s: Stack, upstream: Upstream, registryName: string): Promise<string[]> {
  const file = path.join(s.dataDir, 'logs', `${upstream}-${registryName}.log`);
  const text = await readFile(file, 'utf8').catch(() => '');
  const uris: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('response completed')) continue;
    const uri = /"?http\.request\.uri"?[:=]"?([^"\s]+)/.exec(line)?.[1];
    if (uri) uris.push(uri);
  }
  return uris;
}

/** Waits until the log stops growing (two equal reads `intervalMs` apart), then returns its URIs. */
export async function settledUris(
  s: Stack,
  upstream: Upstream,
  registryName: string,
  intervalMs = 1500,
): Promise<string[]> {
  let last = await requestUris(s, upstream, registryName);
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const now = await requestUris(s, upstream, registryName);
    if (now.length === last.length) return now;
    last = now;
  }
  throw new Error(`the ${upstream} log of ${registryName} never settled`);
}
