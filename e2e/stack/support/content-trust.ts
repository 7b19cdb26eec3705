// The content-trust blade's BFF routes as the stack suite drives them: signed in as a seeded person
// through the portal (a real portal token), plus the trust server's own answers to check what changed.
import { problemSchema, type Problem } from '@ctp/contracts';
import { registryToken } from './registry-http.ts';
import type { Credentials } from './cli.ts';
import { userToken, type Stack } from './stack.ts';

export const PORTAL_SCOPE = 'api://content-trust-bff/access_as_user';

export interface BffAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  bytes?: Uint8Array;
}

/** `fetch` against the portal's API as one seeded person. */
export async function bffAs(s: Stack, key: string) {
  if (!s.portal) throw new Error('the stack runs without the portal (--no-portal)');
  const token = await userToken(s, key, PORTAL_SCOPE);
  const base = `${s.portal.url}/api`;
  return async function call<T = unknown>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; binary?: boolean } = {},
  ): Promise<BffAnswer<T>> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    if (options.binary && response.ok) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, body: undefined as T, bytes };
    }
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  };
}

export type BffCall = Awaited<ReturnType<typeof bffAs>>;

/** The BFF path of a registry's content-trust blade. */
export function trustPath(s: Stack, resourceGroup: string, name: string, tail = ''): string {
  return `/subscriptions/${s.arm.subscriptionId}/resourceGroups/${resourceGroup}/registries/${name}/content-trust${tail}`;
}

export function asProblem(body: unknown): Problem {
  return problemSchema.parse(body);
}

/**
 * One trust file of a GUN (`<role>.json`, `<version>.<role>.json`, `<role>.<sha256>.json`), read as
 * `credentials` straight from the login server (not through the BFF or @ctp/notary).
 */
export async function trustFile(
  loginServer: string,
  credentials: Credentials,
  repository: string,
  file: string,
): Promise<{ status: number; bytes: Buffer }> {
  const gun = `${loginServer}/${repository}`;
  const token = await registryToken(loginServer, credentials, [`repository:${gun}:pull`]);
  const response = await fetch(`https://${loginServer}/v2/${gun}/_trust/tuf/${file}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Whether the trust server holds a role's current file for a GUN: 200 → true, 404 → false. */
export async function trustFileServed(
  loginServer: string,
  credentials: Credentials,
  repository: string,
  role: string,
): Promise<boolean> {
  const { status } = await trustFile(loginServer, credentials, repository, `${role}.json`);
  if (status === 200) return true;
  if (status === 404) return false;
  throw new Error(`the trust server answered ${status} for ${loginServer}/${repository} ${role}`);
}
