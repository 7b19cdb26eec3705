import { clientConfigSchema, type ClientConfig } from '@ctp/contracts';
import { getJson } from './http.ts';

/** Read once at start-up, before MSAL exists (so outside TanStack Query). */
export function fetchClientConfig(): Promise<ClientConfig> {
  return getJson('/api/config', clientConfigSchema);
}
