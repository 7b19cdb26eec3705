// Plain HTTP against a login server, written by hand on purpose: the suite cross-checks the CLI (which
// uses @ctp/registry) against what the registry serves, so it must not read the registry through the
// same library. Node's fetch trusts the local CA through NODE_EXTRA_CA_CERTS.
import type { Credentials } from './cli.ts';

export const MANIFEST_ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

export function basicHeader(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/** A Docker token-service access token for the scopes (what the token service grants may be less). */
export async function registryToken(
  loginServer: string,
  credentials: Credentials,
  scopes: string[],
): Promise<string> {
  const query = new URLSearchParams({ service: loginServer });
  for (const scope of scopes) query.append('scope', scope);
  const response = await fetch(`https://${loginServer}/oauth2/token?${query}`, {
    headers: { authorization: basicHeader(credentials) },
  });
  if (!response.ok)
    throw new Error(`token service of ${loginServer} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** ACR's OAuth2 form on /oauth2/token or /oauth2/exchange: the status and the JSON answer. */
export async function postForm(
  loginServer: string,
  endpoint: '/oauth2/token' | '/oauth2/exchange',
  form: Record<string, string | string[]>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
  const response = await fetch(`https://${loginServer}${endpoint}`, { method: 'POST', body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The access the token service grants `credentials` for `scopes` (its `scope` answer, split per entry). */
export async function grantedAccess(
  loginServer: string,
  credentials: Credentials,
  scopes: string[],
): Promise<string[]> {
  const answer = await postForm(loginServer, '/oauth2/token', {
    grant_type: 'password',
    service: loginServer,
    username: credentials.username,
    password: credentials.password,
    scope: scopes,
  });
  if (answer.status !== 200)
    throw new Error(
      `token service of ${loginServer} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  return String(answer.body.scope ?? '')
    .split(' ')
    .filter(Boolean);
}

/** Every repository in the registry's catalog (following Link paging). */
export async function catalog(loginServer: string, credentials: Credentials): Promise<string[]> {
  const token = await registryToken(loginServer, credentials, ['registry:catalog:*']);
  const repositories: string[] = [];
  for (let url: string | undefined = `https://${loginServer}/v2/_catalog?n=100`; url;) {
    const response: Response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok)
      throw new Error(`catalog of ${loginServer} answered ${response.status}: ${await response.text()}`);
    repositories.push(...(((await response.json()) as { repositories?: string[] }).repositories ?? []));
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    url = next ? new URL(next, `https://${loginServer}`).href : undefined;
  }
  return repositories;
}

export async function tags(
  loginServer: string,
  credentials: Credentials,
  repository: string,
): Promise<string[]> {
  const token = await registryToken(loginServer, credentials, [`repository:${repository}:pull`]);
  const response = await fetch(`https://${loginServer}/v2/${repository}/tags/list?n=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok)
    throw new Error(`tags of ${repository} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { tags?: string[] | null }).tags ?? [];
}

/** HEAD of a manifest by tag or digest: the status and the digest the registry serves. */
export async function headManifest(
  loginServer: string,
  credentials: Credentials,
  repository: string,
  reference: string,
): Promise<{ status: number; digest: string | null }> {
  const token = await registryToken(loginServer, credentials, [`repository:${repository}:pull`]);
  const response = await fetch(`https://${loginServer}/v2/${repository}/manifests/${reference}`, {
    method: 'HEAD',
    headers: { authorization: `Bearer ${token}`, accept: MANIFEST_ACCEPT },
  });
  return { status: response.status, digest: response.headers.get('docker-content-digest') };
}

/**
 * Polls `probe` until it returns a value other than undefined, at most `attempts` times `intervalMs`
 * apart (a bounded wait for work the stack does asynchronously; never a fixed sleep).
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { attempts = 150, intervalMs = 200 } = {},
): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `gave up waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`,
  );
}
