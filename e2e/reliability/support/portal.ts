// The BFF as a browser calls it, with the raw answer kept (status, headers, text) so hostile probes can
// look at exactly what came back.
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import type { Stack } from '../../stack/support/stack.ts';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json(): unknown;
}

export async function call(
  s: Stack,
  apiPath: string,
  init: { method?: string; token?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  const response = await fetch(`${s.portal!.url}${apiPath}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

export function registryApi(
  s: Stack,
  registryName = s.premium.name,
  resourceGroup = 'registries-rg',
): string {
  return `/api/subscriptions/${s.arm.subscriptionId}/resourceGroups/${resourceGroup}/registries/${registryName}`;
}

/**
 * One raw HTTP/1.1 request over a TLS connection of its own, sent exactly as written (fetch would
 * normalize dot segments and refuse CR/LF in headers). Resolves with whatever the server sent before it
 * closed, also when it closed while the request was still being written.
 */
export function rawRequest(s: Stack, request: string): Promise<string> {
  const url = new URL(s.portal!.url);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      ca: readFileSync(s.caCertificate),
      servername: url.hostname,
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    socket.write(request);
  });
}
