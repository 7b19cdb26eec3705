import { useQuery } from '@tanstack/react-query';
import { currentUserSchema } from '@ctp/contracts';
import { useSession } from '../auth/use-session.ts';
import { getJson } from './http.ts';

/** Server state: who the BFF says is signed in (proves the token reached and satisfied the BFF). */
export function useCurrentUser() {
  const { account, getApiToken } = useSession();
  return useQuery({
    queryKey: ['me', account?.homeAccountId],
    enabled: Boolean(account),
    queryFn: async ({ signal }) =>
      getJson('/api/me', currentUserSchema, { signal, accessToken: await getApiToken() }),
  });
}
