import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export interface VerifiedCaller {
  objectId: string;
  tenantId: string;
  /** Client application (azp/appid). */
  appId: string;
  kind: 'user' | 'app';
  displayName: string;
  /** UPN for users; appId for apps (what ARM shows as the caller). */
  callerName: string;
  scopes: string[];
  roles: string[];
  audience: string;
}

export type TokenProblem = { problem: 'missing' | 'invalid' | 'expired' | 'wrong-audience'; message: string };

/** Verifies access tokens issued by the local identity provider (jose against its current JWKS). */
export class TokenVerifier {
  constructor(
    private readonly issuer: string,
    private readonly keySet: () => JWTVerifyGetKey,
  ) {}

  async verify(token: string, audiences: string[]): Promise<VerifiedCaller | TokenProblem> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet(), {
        issuer: this.issuer,
        algorithms: ['RS256'],
        clockTolerance: 5,
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        return {
          problem: 'expired',
          message: `The access token expiry UTC time '${new Date(Number(error.payload.exp) * 1000).toUTCString()}' is earlier than current UTC time.`,
        };
      }
      return { problem: 'invalid', message: `The access token is invalid: ${(error as Error).message}` };
    }
    const audience = String(payload.aud ?? '');
    const normalized = audiences.map((a) => a.replace(/\/+$/, '').toLowerCase());
    if (!normalized.includes(audience.replace(/\/+$/, '').toLowerCase())) {
      return {
        problem: 'wrong-audience',
        message: `The access token has an invalid audience '${audience}'.`,
      };
    }
    const kind = payload.idtyp === 'app' ? 'app' : 'user';
    const appId = String(payload.appid ?? payload.azp ?? '');
    return {
      objectId: String(payload.oid ?? payload.sub),
      tenantId: String(payload.tid ?? ''),
      appId,
      kind,
      displayName: String(payload.name ?? appId),
      callerName: kind === 'user' ? String(payload.preferred_username ?? payload.oid) : appId,
      scopes: typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [],
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      audience,
    };
  }
}

export function isProblem(value: VerifiedCaller | TokenProblem): value is TokenProblem {
  return 'problem' in value;
}
