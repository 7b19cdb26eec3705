// Attacks from the hostile probe of issue 8 on the local identity provider: tokens for resources the
// tenant does not have, framing the sign-in page, and oversized chunked bodies.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postChunked } from '../support/chunked-body.ts';
import { startTestControlPlane, type TestControlPlane } from './harness.ts';

let t: TestControlPlane;
let authority: string;

beforeAll(async () => {
  t = await startTestControlPlane();
  authority = t.cp.describe().identityProvider!.authority;
});
afterAll(async () => t?.stop());

/** The sign-in page of a fresh authorization request (the URL and the cookies that go with it). */
async function signInPage(): Promise<{ url: URL; cookie: string }> {
  const authorize = new URL(`${authority}/auth`);
  authorize.search = new URLSearchParams({
    client_id: t.cp.describe().identityProvider!.spaClientId,
    response_type: 'code',
    redirect_uri: `https://localhost:${t.ctx.config.portBase}/redirect.html`,
    scope: 'openid profile',
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
    code_challenge_method: 'S256',
    prompt: 'select_account',
  }).toString();
  const response = await fetch(authorize, { redirect: 'manual' });
  expect(response.status).toBe(303);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { url: new URL(response.headers.get('location')!, authority), cookie };
}

describe('client credentials', () => {
  const clientCredentials = (scope: string) => {
    const sp = t.identities['ci-signer']!;
    return fetch(`${authority}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sp.appId!,
        client_secret: sp.password!,
        scope,
      }),
    });
  };

  it('for a resource the tenant does not have fail like Entra (AADSTS500011), no token', async () => {
    for (const scope of ['https://unknown.example/.default', 'api://nope/.default']) {
      const response = await clientCredentials(scope);
      const body = (await response.json()) as Record<string, string>;
      expect({ scope, status: response.status, error: body.error }).toEqual({
        scope,
        status: 400,
        error: 'invalid_resource',
      });
      expect(body.error_description).toMatch(/^AADSTS500011: The resource principal named .* was not found/);
      expect(body.access_token).toBeUndefined();
    }
  });

  it('for ARM still get an ARM token (the refusal is not a blanket one)', async () => {
    const response = await clientCredentials('https://management.azure.com/.default');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { access_token?: string }).access_token).toBeTruthy();
  });
});

describe('the sign-in page', () => {
  it('cannot be framed by another site', async () => {
    const { url, cookie } = await signInPage();
    const response = await fetch(url, { headers: { cookie } });
    expect(await response.text()).toContain('Pick an account');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('answers an oversized chunked form with 413 and stops reading it', async () => {
    const { url, cookie } = await signInPage();
    const answer = await postChunked(
      `${url.origin}${url.pathname}/login`,
      { 'content-type': 'application/x-www-form-urlencoded', cookie },
      64 * 1024 * 1024,
      'accountId=',
    );
    expect(answer.status).toBe(413);
    expect(answer.sentWhenAnswered).toBeLessThan(answer.totalBytes);
  });

  // oidc-provider reads at most 56 KB of a form and answers as OAuth's token endpoint must (RFC 6749
  // §5.2: 400 invalid_request); this pins that it stops reading rather than a 413.
  it('token endpoint: an oversized chunked form is refused and not read whole', async () => {
    const answer = await postChunked(
      `${authority}/token`,
      { 'content-type': 'application/x-www-form-urlencoded' },
      64 * 1024 * 1024,
      'grant_type=client_credentials&client_id=',
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'invalid_request' });
    expect(answer.sentWhenAnswered).toBeLessThan(answer.totalBytes);
  });
});
