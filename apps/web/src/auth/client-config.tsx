import { createContext, useContext } from 'react';
import type { ClientConfig } from '@ctp/contracts';

const ClientConfigContext = createContext<ClientConfig | undefined>(undefined);

export const ClientConfigProvider = ClientConfigContext.Provider;

export function useClientConfig(): ClientConfig {
  const config = useContext(ClientConfigContext);
  if (!config) throw new Error('useClientConfig() needs a <ClientConfigProvider>');
  return config;
}
