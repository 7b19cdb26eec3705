import { useSyncExternalStore } from 'react';
// The codes alone, without the schemas (and zod), which come with the pages.
import { problemCodes } from '@ctp/contracts/problem-codes';
import { ApiError } from './http.ts';

/**
 * Whether the portal session has expired (a 401 from the BFF, or a token MSAL can no longer renew
 * silently). A tiny external store, so any request can raise it and the shell's banner shows it
 * without the page losing its state.
 */
let expired = false;
const listeners = new Set<() => void>();

export const sessionExpiry = {
  raise() {
    if (expired) return;
    expired = true;
    listeners.forEach((l) => l());
  },
  clear() {
    if (!expired) return;
    expired = false;
    listeners.forEach((l) => l());
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: () => expired,
};

export function useSessionExpired(): boolean {
  return useSyncExternalStore(sessionExpiry.subscribe, sessionExpiry.get);
}

/** The BFF's answer that means "sign in again". */
export function isSessionProblem(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 401 &&
    (error.code === problemCodes.sessionExpired ||
      error.code === problemCodes.interactionRequired ||
      !error.code)
  );
}
