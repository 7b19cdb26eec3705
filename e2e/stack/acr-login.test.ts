// ACR sign-in the way `az acr login` does it, across both halves: an Entra access token from the
// control plane's identity provider → POST /oauth2/exchange on the data plane's login server → an ACR
// refresh token, used as the password of 00000000-0000-0000-0000-000000000000 by the real notary CLI.
// A refresh token is a credential for the token service only, never a bearer token for /v2/.
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerTrustInspect, notary, notaryListRows, type Credentials } from './support/cli.ts';
import { basicHeader, postForm } from './support/registry-http.ts';
import { ARM_SCOPE, basicCredentials, stack, userToken, type Stack } from './support/stack.ts';

const REFRESH_TOKEN_USERNAME = '00000000-0000-0000-0000-000000000000';
const ACR_SCOPE = 'https://containerregistry.azure.net/.default';

interface DockerInspectEntry {
  SignedTags: Array<{ SignedTag: string; Digest: string }>;
}

describe('ACR sign-in with an Entra token (az acr login) on the seeded Premium registry', () => {
  let s: Stack;
  let loginServer: string;

  const exchange = (server: string, accessToken: string) =>
    postForm(server, '/oauth2/exchange', {
      grant_type: 'access_token',
      service: server,
      access_token: accessToken,
    });

  beforeAll(async () => {
    s = await stack();
    loginServer = s.premium.loginServer;
  });

  it('exchanges an ARM-audience token of an AcrPull user for a refresh token the notary CLI signs in with', async () => {
    const entraToken = await userToken(s, 'puller', ARM_SCOPE);
    const exchanged = await exchange(loginServer, entraToken);
    expect(exchanged.status).toBe(200);
    const refreshToken = String(exchanged.body.refresh_token);
    expect(refreshToken.split('.')).toHaveLength(3);

    const viaRefreshToken: Credentials = { username: REFRESH_TOKEN_USERNAME, password: refreshToken };
    const listed = await notary({ loginServer, caFile: s.caCertificate, credentials: viaRefreshToken }, [
      'list',
      `${loginServer}/hello-world`,
    ]);
    expect(listed.code, listed.stdout + listed.stderr).toBe(0);
    // What notary lists is what the Docker CLI (signed in with the user's password) sees as signed.
    const docker = await dockerTrustInspect(loginServer, s.caCertificate, basicCredentials(s, 'puller'), [
      `${loginServer}/hello-world`,
    ]);
    const [entry] = JSON.parse(docker.stdout) as DockerInspectEntry[];
    const listedTags = new Map(notaryListRows(listed.stdout).map((r) => [r.name, r.digest]));
    expect(listedTags.size).toBeGreaterThan(0);
    expect(Object.fromEntries(listedTags)).toEqual(
      Object.fromEntries(entry!.SignedTags.map((t) => [t.SignedTag, t.Digest])),
    );
  });

  it('accepts an ACR-audience token too; the refresh token then buys access tokens through the OAuth2 form', async () => {
    const exchanged = await exchange(loginServer, await userToken(s, 'puller', ACR_SCOPE));
    expect(exchanged.status).toBe(200);
    const token = await postForm(loginServer, '/oauth2/token', {
      grant_type: 'refresh_token',
      service: loginServer,
      refresh_token: String(exchanged.body.refresh_token),
      scope: 'repository:hello-world:pull,push',
    });
    expect(token.status).toBe(200);
    // AcrPull: pull only, whatever was asked.
    expect(token.body.scope).toBe('repository:hello-world:pull');
    const tagsList = await fetch(`https://${loginServer}/v2/hello-world/tags/list`, {
      headers: { authorization: `Bearer ${String(token.body.access_token)}` },
    });
    expect(tagsList.status).toBe(200);
  });

  it('refuses the refresh token as a bearer token on /v2/, and a refresh token of another registry', async () => {
    const entraToken = await userToken(s, 'puller', ARM_SCOPE);
    const refreshToken = String((await exchange(loginServer, entraToken)).body.refresh_token);
    for (const path of ['/v2/', '/v2/hello-world/tags/list']) {
      const response = await fetch(`https://${loginServer}${path}`, {
        headers: { authorization: `Bearer ${refreshToken}` },
      });
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    }
    // Bound to its login server: the Basic registry's refresh token is refused by the Premium one.
    const other = s.registries.find((r) => r.loginServer !== loginServer)!;
    const otherToken = String(
      (await exchange(other.loginServer, await userToken(s, 'puller', ARM_SCOPE))).body.refresh_token,
    );
    const refused = await fetch(
      `https://${loginServer}/oauth2/token?service=${loginServer}&scope=repository:hello-world:pull`,
      {
        headers: { authorization: basicHeader({ username: REFRESH_TOKEN_USERNAME, password: otherToken }) },
      },
    );
    expect(refused.status).toBe(401);
    // And an Entra token with a signature the identity provider never made is refused by the exchange.
    const forged = await exchange(loginServer, `${entraToken.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`);
    expect(forged.status).toBe(401);
  });
});
