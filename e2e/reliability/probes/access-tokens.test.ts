// Access, issue 17: every kind of bad token gets 401 from the BFF's signed-in routes, with the
// problem+json shape and the Bearer challenge. The forged tokens come from jose; those that need a valid
// signature are signed with the identity provider's own key (support/forged-tokens.ts), and a control
// token re-signed the same way with the genuine claims is accepted, so each refusal is the claim's.
// Unit checks of the verifier (missing exp/iat, future iat, 30-day lifetime) are in
// apps/bff/test/security.test.ts; this file runs against the real stack's identity provider.
import { beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { call } from '../support/portal.ts';
import {
  algNone,
  claimsOf,
  hmacConfused,
  identityProviderKey,
  tampered,
  type IdentityProviderKey,
} from '../support/forged-tokens.ts';
import { ARM_SCOPE, remember, tokenOf } from '../support/run-secrets.ts';

let s: Stack;
let genuine: string;
let key: IdentityProviderKey;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  s = await stack();
  genuine = await tokenOf(s, 'reader');
  key = await identityProviderKey(s);
});

const me = (token?: string, header?: string) =>
  call(s, '/api/me', {
    ...(token !== undefined ? { token } : {}),
    ...(header ? { headers: { authorization: header } } : {}),
  });

describe('tokens the BFF must refuse', () => {
  it('accepts the genuine token and the same claims re-signed with the provider key (the forge works)', async () => {
    expect((await me(genuine)).status).toBe(200);
    const resigned = remember(s, await key.sign(claimsOf(genuine)));
    const answer = await me(resigned);
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ objectId: s.identity('reader').objectId });
  });

  const cases: Array<[string, () => Promise<string | undefined>]> = [
    ['no token', async () => undefined],
    [
      'expired (signed by the provider, exp 10 minutes ago)',
      () => key.sign({ ...claimsOf(genuine), iat: now() - 3900, nbf: now() - 3900, exp: now() - 600 }),
    ],
    ['wrong audience (a real ARM token of the same person)', () => tokenOf(s, 'reader', ARM_SCOPE)],
    [
      'wrong issuer (another tenant’s authority, signed by the provider)',
      () =>
        key.sign({
          ...claimsOf(genuine),
          iss: s.identityProvider.authority.replace(
            s.identityProvider.tenantId,
            '00000000-0000-4000-8000-0000000000ff',
          ),
        }),
    ],
    [
      'another tenant (tid of another directory, same issuer)',
      () => key.sign({ ...claimsOf(genuine), tid: '00000000-0000-4000-8000-0000000000ff' }),
    ],
    ['alg: none', async () => algNone(genuine)],
    ['HMAC-confused (HS256 keyed with the provider’s public key)', () => hmacConfused(genuine, key)],
    [
      'tampered (oid swapped for the Owner’s, signature kept)',
      async () => tampered(genuine, { oid: s.identity('owner').objectId }),
    ],
    ['without the portal scope', () => key.sign({ ...claimsOf(genuine), scp: 'User.Read' })],
    ['garbage', async () => 'not.a.token'],
  ];

  it.each(cases)('%s → 401 problem with a Bearer challenge', async (_, make) => {
    const token = await make();
    if (token) remember(s, token);
    const answer = await me(token);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(answer.json()).toMatchObject({ status: 401, code: 'SessionExpired' });
  });

  it('refuses other schemes and malformed headers', async () => {
    const user = s.identity('reader');
    for (const header of [
      `Basic ${Buffer.from(`${user.userPrincipalName}:${user.password}`).toString('base64')}`,
      `Bearer`,
      `Bearer ${genuine} ${genuine}`,
      `Token ${genuine}`,
    ]) {
      const answer = await me(undefined, header);
      expect(answer.status, header.slice(0, 12)).toBe(401);
    }
  });
});
