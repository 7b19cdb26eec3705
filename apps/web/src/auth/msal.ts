import { EventType, PublicClientApplication, type AuthenticationResult } from '@azure/msal-browser';
import type { ClientConfig } from '@ctp/contracts';

/**
 * Creates and initializes MSAL from the BFF's public sign-in settings, completes a sign-in redirect if
 * this page load is one (returning to the page sign-in started from), and keeps the active account in
 * step with sign-ins.
 */
export async function startMsal(config: ClientConfig): Promise<PublicClientApplication> {
  const origin = window.location.origin;
  const msal = new PublicClientApplication({
    auth: {
      clientId: config.auth.clientId,
      authority: config.auth.authority,
      knownAuthorities: config.auth.knownAuthorities,
      redirectUri: `${origin}/redirect.html`,
      postLogoutRedirectUri: `${origin}/`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msal.initialize();
  msal.addEventCallback((event) => {
    if (event.eventType === EventType.LOGIN_SUCCESS && event.payload) {
      msal.setActiveAccount((event.payload as AuthenticationResult).account);
    }
  });
  const result = await msal.handleRedirectPromise({ navigateToLoginRequestUrl: true });
  const account = result?.account ?? msal.getActiveAccount() ?? msal.getAllAccounts()[0];
  if (account) msal.setActiveAccount(account);
  return msal;
}
