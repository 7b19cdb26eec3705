import { createHash, randomBytes } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestControlPlane, type TestControlPlane } from './harness.ts';

const ARM = 'https://management.azure.com';

describe('local identity provider with official clients', () => {
  let t: TestControlPlane;
  let authority: string;
  let knownAuthority: string;

  beforeAll(async () => {
    t = await startTestControlPlane();
    authority = t.cp.describe().identityProvider!.authority;
    knownAuthority = new URL(authority).host;
  });
  afterAll(async () => t?.stop());

  it('publishes Entra-shaped discovery under /<tenant>/v2.0', async () => {
    const response = await fetch(`${authority}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(authority);
    expect(discovery.token_endpoint).toBe(`${authority}/token`);
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining([
        'authorization_code',
        'refresh_token',
        'client_credentials',
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
      ]),
    );
  });

  it('issues client-credentials tokens to msal-node that verify against the JWKS', async () => {
    const signer = t.identities['ci-signer']!;
    const app = new ConfidentialClientApplication({
      auth: {
        clientId: signer.appId!,
        clientSecret: signer.password!,
        authority,
        knownAuthorities: [knownAuthority],
      },
    });
    const result = await app.acquireTokenByClientCredential({ scopes: [`${ARM}/.default`] });
    expect(result?.accessToken).toBeTruthy();
    const { payload, protectedHeader } = await jwtVerify(
      result!.accessToken,
      createRemoteJWKSet(new URL(`${authority}/jwks`)),
      {
        issuer: authority,
        audience: ARM,
      },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      oid: signer.objectId,
      sub: signer.objectId,
      tid: t.cp.describe().identityProvider!.tenantId,
      idtyp: 'app',
      appid: signer.appId,
    });
    expect(payload.scp).toBeUndefined();
    expect(typeof payload.nbf).toBe('number');
    // A wrong secret is refused.
    const bad = new ConfidentialClientApplication({
      auth: { clientId: signer.appId!, clientSecret: 'wrong', authority, knownAuthorities: [knownAuthority] },
    });
    await expect(bad.acquireTokenByClientCredential({ scopes: [`${ARM}/.default`] })).rejects.toThrow(
      /invalid_client/,
    );
  });

  it('exchanges a user token for ARM and Graph tokens on behalf of the user (msal-node OBO)', async () => {
    const { bffClientId, bffApiScope } = t.cp.describe().identityProvider!;
    const settings = t.cp.portalSettings();
    const userToken = await t.userToken('reader', bffApiScope);
    const bff = new ConfidentialClientApplication({
      auth: {
        clientId: bffClientId,
        clientSecret: settings.BFF_CLIENT_SECRET!,
        authority,
        knownAuthorities: [knownAuthority],
      },
    });
    const jwks = createRemoteJWKSet(new URL(`${authority}/jwks`));
    const api = await jwtVerify(userToken, jwks, { issuer: authority, audience: settings.BFF_API_AUDIENCE });
    expect(api.payload.scp).toBe('access_as_user');

    const arm = await bff.acquireTokenOnBehalfOf({
      oboAssertion: userToken,
      scopes: [`${ARM}/user_impersonation`],
    });
    const armClaims = (await jwtVerify(arm!.accessToken, jwks, { issuer: authority, audience: ARM })).payload;
    expect(armClaims).toMatchObject({
      oid: t.identities.reader!.objectId,
      preferred_username: t.identities.reader!.userPrincipalName,
      name: 'Rita Reader',
      scp: 'user_impersonation',
      azp: bffClientId,
    });
    const graph = await bff.acquireTokenOnBehalfOf({
      oboAssertion: userToken,
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const graphClaims = (
      await jwtVerify(graph!.accessToken, jwks, {
        issuer: authority,
        audience: 'https://graph.microsoft.com',
      })
    ).payload;
    expect(String(graphClaims.scp).split(' ')).toContain('User.ReadBasic.All');

    // An assertion for another audience (ARM) is not accepted for OBO by the BFF.
    await expect(
      bff.acquireTokenOnBehalfOf({
        oboAssertion: arm!.accessToken,
        scopes: [`${ARM}/user_impersonation`],
        skipCache: true,
      }),
    ).rejects.toThrow(/invalid_grant/);
  });

  it('runs the authorization-code flow with PKCE through the sign-in page and refreshes', async () => {
    const spaClientId = t.cp.describe().identityProvider!.spaClientId;
    const redirectUri = `https://localhost:${t.ctx.config.portBase}/redirect.html`;
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, value] = pair!.split('=');
        jar.set(name!, value ?? '');
      }
      return response;
    };
    const authorize = new URL(`${authority}/auth`);
    authorize.search = new URLSearchParams({
      client_id: spaClientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: `openid profile offline_access ${ARM}/user_impersonation`,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st',
      nonce: 'n0',
      prompt: 'select_account',
    }).toString();
    let response = await send(authorize.toString());
    expect(response.status).toBe(303);
    const interaction = new URL(response.headers.get('location')!, authority);
    response = await send(interaction.toString());
    const html = await response.text();
    expect(html).toContain('Olivia Owner');
    expect(html).toContain('Rita Reader');
    const owner = t.identities.owner!;
    response = await send(`${interaction.origin}${interaction.pathname}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ accountId: owner.objectId }).toString(),
    });
    // Resume, then back to the app with a code (no consent screen).
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 5; hops++) {
      const location = new URL(response.headers.get('location')!, authority);
      if (location.toString().startsWith(redirectUri)) break;
      response = await send(location.toString());
    }
    const callback = new URL(response.headers.get('location')!);
    expect(callback.searchParams.get('state')).toBe('st');
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const redeem = (codeVerifier: string) =>
      fetch(`${authority}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: spaClientId,
          code,
          redirect_uri: redirectUri,
          code_verifier: codeVerifier,
        }),
      });

    const tokenResponse = await redeem(verifier);
    const tokens = (await tokenResponse.json()) as {
      access_token: string;
      id_token: string;
      refresh_token?: string;
      client_info?: string;
    };
    expect(tokenResponse.status).toBe(200);
    expect(JSON.parse(Buffer.from(tokens.client_info!, 'base64url').toString())).toEqual({
      uid: owner.objectId,
      utid: t.cp.describe().identityProvider!.tenantId,
    });
    const jwks = createRemoteJWKSet(new URL(`${authority}/jwks`));
    const id = await jwtVerify(tokens.id_token, jwks, { issuer: authority, audience: spaClientId });
    expect(id.payload).toMatchObject({
      oid: owner.objectId,
      preferred_username: owner.userPrincipalName,
      name: 'Olivia Owner',
      nonce: 'n0',
    });
    const access = await jwtVerify(tokens.access_token, jwks, { issuer: authority, audience: ARM });
    expect(access.payload.scp).toBe('user_impersonation');
    expect(tokens.refresh_token).toBeTruthy();

    const refreshed = await fetch(`${authority}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: spaClientId,
        refresh_token: tokens.refresh_token!,
        scope: `${ARM}/user_impersonation`,
      }),
    });
    expect(refreshed.status).toBe(200);
    const again = (await refreshed.json()) as { access_token: string };
    expect(
      (await jwtVerify(again.access_token, jwks, { issuer: authority, audience: ARM })).payload.oid,
    ).toBe(owner.objectId);

    // A wrong PKCE verifier is refused.
    const badVerifier = await redeem('x'.repeat(43));
    expect(badVerifier.status).toBe(400);
  });

  it('rotates the signing key: new tokens use the new kid, old tokens still verify, state survives a restart', async () => {
    const before = await t.userToken('owner', `${ARM}/.default`);
    const oldKid = decodeProtectedHeader(before).kid;
    const newKid = await t.cp.controls.rotateSigningKey();
    expect(newKid).not.toBe(oldKid);
    const after = await t.userToken('owner', `${ARM}/.default`);
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    const jwks = createRemoteJWKSet(new URL(`${authority}/jwks`));
    await jwtVerify(before, jwks, { issuer: authority, audience: ARM });
    await jwtVerify(after, jwks, { issuer: authority, audience: ARM });

    await t.restart();
    // Same keys after restart: a token from before the restart still verifies and is accepted by the port.
    await expect(t.cp.verifyEntraAccessToken(after)).resolves.toMatchObject({
      kind: 'principal',
      objectId: t.identities.owner!.objectId,
    });
    await expect(t.cp.verifyEntraAccessToken(`${after}x`)).resolves.toBeUndefined();
    const graphToken = await t.userToken('owner', 'https://graph.microsoft.com/.default');
    await expect(t.cp.verifyEntraAccessToken(graphToken)).resolves.toBeUndefined();
  });

  it('signs out through end_session: afterwards a silent sign-in (prompt=none) fails with login_required', async () => {
    const { spaClientId } = t.cp.describe().identityProvider!;
    const redirectUri = `https://localhost:${t.ctx.config.portBase}/redirect.html`;
    const postLogout = `https://localhost:${t.ctx.config.portBase}/`;
    // A browser: one cookie jar across the identity provider's redirects.
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(new URL(url, authority), {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [name, value] = cookie.split(';')[0]!.split('=');
        jar.set(name!, value ?? '');
      }
      return response;
    };
    const form = (body: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    });
    /** Follows redirects until one leaves for `target`; returns that URL (or throws with the page). */
    const followTo = async (response: Response, target: string): Promise<URL> => {
      for (let hops = 0; hops < 8; hops++) {
        const location = response.headers.get('location');
        if (!location) throw new Error(`stopped at ${response.status}: ${await response.text()}`);
        const next = new URL(location, authority);
        if (next.toString().startsWith(target)) return next;
        response = await send(next.toString());
      }
      throw new Error('too many redirects');
    };
    const authorize = (prompt: string) => {
      const url = new URL(`${authority}/auth`);
      url.search = new URLSearchParams({
        client_id: spaClientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: `openid profile ${ARM}/user_impersonation`,
        code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'),
        code_challenge_method: 'S256',
        state: prompt,
        prompt,
      }).toString();
      return send(url.toString());
    };
    const silent = async () => (await followTo(await authorize('none'), redirectUri)).searchParams;

    // Sign in through the picker.
    const picker = await authorize('select_account');
    expect(picker.status).toBe(303);
    const interaction = new URL(picker.headers.get('location')!, authority);
    await send(interaction.toString());
    const login = await send(
      `${interaction.pathname}/login`,
      form({ accountId: t.identities.owner!.objectId }),
    );
    expect((await followTo(login, redirectUri)).searchParams.get('code')).toBeTruthy();
    // Control: while the session lives, a silent sign-in gets a code without any page.
    const before = await silent();
    expect(before.get('error')).toBeNull();
    expect(before.get('code')).toBeTruthy();

    // Sign out: the end_session page posts its confirmation form (logout=yes) back.
    const end = new URL(`${authority}/session/end`);
    end.search = new URLSearchParams({
      client_id: spaClientId,
      post_logout_redirect_uri: postLogout,
    }).toString();
    const page = await send(end.toString());
    expect(page.status).toBe(200);
    const html = await page.text();
    const action = /<form[^>]+action="([^"]*\/session\/end\/confirm)"/.exec(html)?.[1];
    expect(action).toBeTruthy();
    const fields = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect(fields.logout).toBe('yes');
    const confirmed = await send(action!, form(fields));
    expect((await followTo(confirmed, postLogout)).toString()).toBe(postLogout);

    // The identity provider itself no longer knows the browser: silent sign-in is refused.
    const after = await silent();
    expect(after.get('error')).toBe('login_required');
    expect(after.get('code')).toBeNull();
  });

  it('refuses a bad password for the password grant', async () => {
    const response = await fetch(`${authority}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: t.cp.portalSettings().IDP_CLI_CLIENT_ID!,
        username: t.identities.owner!.userPrincipalName!,
        password: 'nope',
        scope: `${ARM}/.default`,
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
