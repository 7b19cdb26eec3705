import { X509Certificate, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SignJWT, importPKCS8, importX509, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import type { CertificateFiles } from '@ctp/local-pki';

export const TOKEN_ISSUER = 'Azure Container Registry';
/** Access tokens live long enough for a 1 GB push over loopback, short enough to pick up RBAC changes. */
const ACCESS_TOKEN_TTL_S = 300;
/** ACR refresh tokens last three hours. */
const REFRESH_TOKEN_TTL_S = 3 * 3600;

export interface AccessEntry {
  type: string;
  name: string;
  actions: string[];
}

export interface MintedToken {
  token: string;
  expiresIn: number;
  issuedAt: string;
}

export interface RefreshTokenClaims {
  objectId: string;
  displayName: string;
  principalType: 'User' | 'ServicePrincipal';
}

/**
 * Signs the login servers' JWTs (ES256, `x5c` = the token-signing certificate, the only certificate in
 * the upstreams' rootcertbundle). Refresh tokens get their own audience (`<service>/refresh`), so a
 * registry or notary-server never accepts one as an access token.
 */
export class TokenIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly x5c: string,
  ) {}

  static async fromFiles(files: CertificateFiles): Promise<TokenIssuer> {
    const certPem = await readFile(files.cert, 'utf8');
    const keyPem = await readFile(files.key, 'utf8');
    const der = new X509Certificate(certPem).raw.toString('base64');
    return new TokenIssuer(await importPKCS8(keyPem, 'ES256'), await importX509(certPem, 'ES256'), der);
  }

  async mintAccessToken(service: string, subject: string, access: AccessEntry[]): Promise<MintedToken> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ access, grant_type: 'access_token', version: '1.0' })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c: [this.x5c] })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(subject)
      .setAudience(service) // a string: distribution 2.8 cannot read an array
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ACCESS_TOKEN_TTL_S)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { token, expiresIn: ACCESS_TOKEN_TTL_S, issuedAt: new Date(now * 1000).toISOString() };
  }

  async verifyAccessToken(
    token: string,
    service: string,
  ): Promise<{ subject: string; access: AccessEntry[] } | undefined> {
    const payload = await this.verify(token, service);
    if (!payload || payload.grant_type !== 'access_token') return undefined;
    const access = Array.isArray(payload.access) ? (payload.access as AccessEntry[]) : [];
    return { subject: payload.sub ?? '', access };
  }

  async mintRefreshToken(service: string, claims: RefreshTokenClaims): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      grant_type: 'refresh_token',
      name: claims.displayName,
      principal_type: claims.principalType,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c: [this.x5c] })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(claims.objectId)
      .setAudience(refreshAudience(service))
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + REFRESH_TOKEN_TTL_S)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }

  async verifyRefreshToken(token: string, service: string): Promise<RefreshTokenClaims | undefined> {
    const payload = await this.verify(token, refreshAudience(service));
    if (!payload || payload.grant_type !== 'refresh_token' || !payload.sub) return undefined;
    return {
      objectId: payload.sub,
      displayName: typeof payload.name === 'string' ? payload.name : payload.sub,
      principalType: payload.principal_type === 'ServicePrincipal' ? 'ServicePrincipal' : 'User',
    };
  }

  private async verify(token: string, audience: string): Promise<JWTPayload | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: TOKEN_ISSUER,
        audience,
        clockTolerance: 60,
      });
      return payload;
    } catch {
      return undefined;
    }
  }
}

function refreshAudience(service: string): string {
  return `${service}/refresh`;
}
