import { InteractionRequiredAuthError } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { sessionExpiry } from '../api/session-expiry.ts';
import { useClientConfig } from './client-config.tsx';

/** Sign-in, sign-out and access tokens for the portal API. */
export function useSession() {
  const { instance, accounts } = useMsal();
  const config = useClientConfig();
  const queryClient = useQueryClient();
  const account = instance.getActiveAccount() ?? accounts[0];

  /** Signs in and comes back to the page it started from (a deep link survives sign-in). */
  const signIn = useCallback(
    () =>
      instance.loginRedirect({
        scopes: [config.auth.apiScope],
        extraScopesToConsent: config.auth.extraScopesToConsent,
        prompt: 'select_account',
        redirectStartPage: window.location.href,
        ...(account?.username ? { loginHint: account.username } : {}),
      }),
    [instance, config, account],
  );

  /** Signs out at the identity provider too; cached server state of this person is dropped first. */
  const signOut = useCallback(() => {
    queryClient.clear();
    return instance.logoutRedirect({
      account,
      ...(account?.idToken ? { idTokenHint: account.idToken } : {}),
    });
  }, [instance, account, queryClient]);

  /**
   * A token for the BFF, renewed silently. When the identity provider needs the person again, the
   * session banner asks them to sign in (keeping the page) instead of navigating away mid-task.
   */
  const getApiToken = useCallback(async (): Promise<string> => {
    if (!account) throw new Error('not signed in');
    try {
      const result = await instance.acquireTokenSilent({ scopes: [config.auth.apiScope], account });
      sessionExpiry.clear();
      return result.accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) sessionExpiry.raise();
      throw error;
    }
  }, [instance, account, config]);

  return { account, signIn, signOut, getApiToken };
}
