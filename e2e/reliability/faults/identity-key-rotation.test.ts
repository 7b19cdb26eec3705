// The identity provider rotating its signing key (the emulator's /_azure-local/identity/rotateSigningKey,
// as Entra rolls its keys): a token signed with the new key is accepted by the BFF, which fetches the new
// JWKS by itself (jose refetches on an unknown kid, at most once per the BFF's JWKS_COOLDOWN_MS of 5 s;
// jose's own default, 30 s, left new tokens refused for up to half a minute), and tokens signed with the
// previous key keep working while the provider still publishes it. No restart of the BFF.
import { decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { JWKS_COOLDOWN_MS } from '../../../apps/bff/src/auth/token-verifier.ts';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { claimsOf, identityProviderKey } from '../support/forged-tokens.ts';
import { call } from '../support/portal.ts';
import { ARM_SCOPE, remember, tokenOf } from '../support/run-secrets.ts';
import { supervised } from '../support/supervised.ts';

let s: Stack;

beforeAll(async () => {
  s = await stack();
});

describe('the identity provider rotates its signing key', () => {
  it('accepts tokens of the new key by itself and still those of the previous key', async () => {
    const before = await tokenOf(s, 'contributor');
    expect((await call(s, '/api/me', { token: before })).status).toBe(200);
    const portalPid = (await supervised(s, 'portal')).pid;
    // Worst case: the BFF has just fetched the JWKS (a token with a key id it does not know makes it
    // fetch, unless it did so within the cooldown), so the new key waits out a whole cooldown.
    const key = await identityProviderKey(s);
    const stranger = remember(s, await key.sign(claimsOf(before), { kid: 'not-published' }));
    expect((await call(s, '/api/me', { token: stranger })).status).toBe(401);

    const rotated = await fetch(`${s.arm.endpoint}/_azure-local/identity/rotateSigningKey`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf(s, 'owner', ARM_SCOPE)}` },
    });
    expect(rotated.status).toBe(200);
    const { kid } = (await rotated.json()) as { kid: string };

    const after = await tokenOf(s, 'contributor');
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect(decodeProtectedHeader(before).kid).not.toBe(kid);
    // jose fetches the JWKS again on an unknown kid unless it did so within the cooldown: accepted
    // within it (plus a few seconds for the requests themselves on a busy machine).
    await expect
      .poll(async () => (await call(s, '/api/me', { token: after })).status, {
        timeout: JWKS_COOLDOWN_MS + 5_000,
        interval: 500,
      })
      .toBe(200);
    expect((await call(s, '/api/me', { token: before })).status).toBe(200);
    // A signed-in route that needs the on-behalf-of exchange and ARM works with the new token too.
    expect((await call(s, '/api/registries', { token: after })).status).toBe(200);
    expect((await supervised(s, 'portal')).pid).toBe(portalPid);
  });
});
