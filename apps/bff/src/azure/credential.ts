import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { DownstreamTokens } from '../auth/on-behalf-of.ts';
import type { Caller } from '../auth/token-verifier.ts';

/**
 * The Azure SDK's TokenCredential for one caller and one downstream API: whatever scopes a client
 * asks for, the token is the on-behalf-of token for `scope` (the SDKs would otherwise ask for
 * `<endpoint>/.default`, which points at the emulator's host locally).
 */
export function callerCredential(caller: Caller, scope: string, tokens: DownstreamTokens): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      const { token, expiresOnTimestamp } = await tokens(caller, scope);
      return { token, expiresOnTimestamp };
    },
  };
}
