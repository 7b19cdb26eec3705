import { InteractionRequiredAuthError } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useCallback } from 'react';
import { useClientConfig } from './client-config.tsx';

/** Sign-in, sign-out and access tokens for the portal API. */
export function useSession() {
  const { instance, accounts } = useMsal();
  const config = useClientConfig();
  const account = instance.getActiveAccount() ?? accounts[0];

  const signIn = useCallback(
    () =>
      instance.loginRedirect({
        scopes: [config.auth.apiScope],
        extraScopesToConsent: config.auth.extraScopesToConsent,
        prompt: 'select_account',
      }),
    [instance, config],
  );

  const signOut = useCallback(
    () => instance.logoutRedirect({ account, ...(account?.idToken ? { idTokenHint: account.idToken } : {}) }),
    [instance, account],
  );

  /** A token for the BFF; renews silently, and falls back to an interactive sign-in when it must. */
  const getApiToken = useCallback(async (): Promise<string> => {
    if (!account) throw new Error('not signed in');
    try {
      const result = await instance.acquireTokenSilent({ scopes: [config.auth.apiScope], account });
      return result.accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) {
        await instance.acquireTokenRedirect({ scopes: [config.auth.apiScope], account });
      }
      throw error;
    }
  }, [instance, account, config]);

  return { account, signIn, signOut, getApiToken };
}
