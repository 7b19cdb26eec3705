import type { ClientConfig } from '@ctp/contracts';
import { request } from './http.ts';

/**
 * Read once at start-up, before MSAL exists (so outside TanStack Query). The contracts, with zod, load
 * while the settings are asked for: every page needs them, but the first load (the entry's own
 * JavaScript) stays without them and is parsed sooner.
 */
export async function fetchClientConfig(): Promise<ClientConfig> {
  const [{ clientConfigSchema }, body] = await Promise.all([
    import('@ctp/contracts'),
    request<unknown>('/api/config'),
  ]);
  return clientConfigSchema.parse(body);
}
