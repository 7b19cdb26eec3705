import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import type { BffConfig } from '../../src/config.ts';

/** Test settings shaped like the local stack's. */
export const testAuth: BffConfig['auth'] = {
  authority: 'https://localhost:9401/72f988bf-0000-4000-8000-00000000c7a1/v2.0',
  apiAudience: 'api://content-trust-bff',
  apiScope: 'api://content-trust-bff/access_as_user',
  spaClientId: 'spa-client',
  armScope: 'https://management.azure.com/user_impersonation',
  allowedTenants: ['72f988bf-0000-4000-8000-00000000c7a1'],
};

export const testDownstream: BffConfig['downstream'] = {
  clientId: 'bff-client',
  clientSecret: 'test-secret',
  armEndpoint: 'https://localhost:9402',
  graphEndpoint: 'https://localhost:9403',
  graphScope: 'https://graph.microsoft.com/.default',
  timeoutMs: 1000,
};

/**
 * A signing key and its JWKS, so the verifier's real checks (signature, issuer, audience, lifetime,
 * scope) run on tokens minted here; the local identity provider itself is exercised end to end.
 */
export async function createTokenMinter() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const keySet = createLocalJWKSet({ keys: [jwk] });
  /** `iat`, `nbf`, `exp`: seconds, or null to leave the claim out; by default issued now, valid for `expiresIn`. */
  const mint = (
    claims: Record<string, unknown> = {},
    options: {
      expiresIn?: string;
      key?: CryptoKey;
      /** The key id in the header (default the minter's own key's). */
      kid?: string;
      iat?: number | null;
      nbf?: number;
      exp?: number | null;
    } = {},
  ) => {
    const jwt = new SignJWT({
      oid: '11111111-1111-4111-8111-111111111111',
      tid: '72f988bf-0000-4000-8000-00000000c7a1',
      name: 'Olivia Owner',
      preferred_username: 'olivia@contoso.test',
      scp: 'access_as_user',
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key' })
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : testAuth.authority)
      .setAudience(typeof claims.aud === 'string' ? claims.aud : testAuth.apiAudience);
    if (options.iat !== null) jwt.setIssuedAt(options.iat);
    if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
    if (options.exp !== null) jwt.setExpirationTime(options.exp ?? options.expiresIn ?? '1h');
    return jwt.sign(options.key ?? privateKey);
  };
  return { keySet, mint };
}
