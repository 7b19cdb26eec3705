import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Db } from '../state/db.ts';

/** How many keys the JWKS keeps published after rotation (the newest signs; older ones still verify). */
const PUBLISHED_KEYS = 3;

/**
 * The identity provider's RS256 signing keys, persisted so tokens stay valid across restarts.
 * `kid` is the JWK thumbprint, so a new key never reuses an old kid (jose caches JWKS by kid).
 */
export class SigningKeys {
  constructor(private readonly db: Db) {}

  async ensure(): Promise<void> {
    if (this.privateJwks().length === 0) await this.rotate();
  }

  /** Adds a new signing key; the previous ones stay in the JWKS until pushed out. */
  async rotate(): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(jwk);
    this.db
      .prepare('INSERT INTO signing_keys (kid, private_jwk, created_at) VALUES (?, ?, ?)')
      .run(kid, JSON.stringify({ ...jwk, kid, alg: 'RS256', use: 'sig' }), new Date().toISOString());
    return kid;
  }

  /** Newest first (oidc-provider signs with the first key matching the algorithm). */
  privateJwks(): JWK[] {
    const rows = this.db
      .prepare('SELECT private_jwk FROM signing_keys ORDER BY created_at DESC, rowid DESC LIMIT ?')
      .all(PUBLISHED_KEYS) as Array<{ private_jwk: string }>;
    return rows.map((r) => JSON.parse(r.private_jwk) as JWK);
  }

  publicJwks(): JWK[] {
    return this.privateJwks().map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use }));
  }

  localKeySet(): ReturnType<typeof createLocalJWKSet> {
    return createLocalJWKSet({ keys: this.publicJwks() });
  }
}
