// Tokens an attacker would try, minted with jose. Those that need a valid signature with a wrong claim
// (expired, another issuer, another tenant) are signed with the identity provider's own current key,
// read from the stack's state: the strongest forger, so a refusal proves the claim check, not the signature.
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  base64url,
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  importJWK,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { Stack } from '../../stack/support/stack.ts';

export interface IdentityProviderKey {
  kid: string;
  sign(payload: JWTPayload, header?: Record<string, unknown>): Promise<string>;
  /** The public key as PEM: what an HMAC-confusion attack uses as the shared secret. */
  publicPem: string;
}

export async function identityProviderKey(s: Stack): Promise<IdentityProviderKey> {
  const db = new Database(path.join(s.dataDir, 'control-plane', 'control-plane.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  let jwk: JWK;
  try {
    const row = db
      .prepare('SELECT private_jwk FROM signing_keys ORDER BY created_at DESC, rowid DESC LIMIT 1')
      .get() as { private_jwk: string };
    jwk = JSON.parse(row.private_jwk) as JWK;
  } finally {
    db.close();
  }
  const privateKey = await importJWK(jwk, 'RS256');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  const publicKey = await importJWK(publicJwk, 'RS256', { extractable: true });
  return {
    kid: jwk.kid!,
    publicPem: await exportSPKI(publicKey as CryptoKey),
    sign: (payload, header = {}) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: jwk.kid!, ...header }).sign(privateKey),
  };
}

/** The claims of a genuine token, to copy with one claim changed. */
export function claimsOf(token: string): JWTPayload {
  return decodeJwt(token);
}

export function headerOf(token: string): Record<string, unknown> {
  return decodeProtectedHeader(token) as Record<string, unknown>;
}

/** An unsigned token (`alg: none`) with the genuine token's claims. */
export function algNone(token: string): string {
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const payload = base64url.encode(JSON.stringify(claimsOf(token)));
  return `${header}.${payload}.`;
}

/** HS256 with the identity provider's public key as the HMAC secret (the classic RS/HS confusion). */
export async function hmacConfused(token: string, key: IdentityProviderKey): Promise<string> {
  return new SignJWT(claimsOf(token))
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .sign(new TextEncoder().encode(key.publicPem));
}

/** The genuine token with its payload changed (another oid) and the original signature kept. */
export function tampered(token: string, claims: JWTPayload): string {
  const [header, , signature] = token.split('.');
  const payload = base64url.encode(JSON.stringify({ ...claimsOf(token), ...claims }));
  return `${header}.${payload}.${signature}`;
}
