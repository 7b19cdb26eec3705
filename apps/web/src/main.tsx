import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MsalProvider } from '@azure/msal-react';
import { QueryClientProvider } from '@tanstack/react-query';
import { i18n } from './i18n/index.ts';
import { fetchClientConfig } from './api/client-config.ts';
import { createQueryClient } from './api/query-client.ts';
import { startMsal } from './auth/msal.ts';
import { ClientConfigProvider } from './auth/client-config.tsx';
import { App } from './app/App.tsx';

const queryClient = createQueryClient();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

try {
  const config = await fetchClientConfig();
  const msal = await startMsal(config);
  root.render(
    <StrictMode>
      <ClientConfigProvider value={config}>
        <MsalProvider instance={msal}>
          <QueryClientProvider client={queryClient}>
            <App />
          </QueryClientProvider>
        </MsalProvider>
      </ClientConfigProvider>
    </StrictMode>,
  );
} catch (error) {
  // Without the sign-in settings nothing else can work: say so plainly, in the user's language.
  const message = error instanceof Error ? error.message : String(error);
  const main = document.createElement('main');
  const text = document.createElement('p');
  text.setAttribute('role', 'alert');
  text.textContent = i18n.t('startup.failed', { message });
  const reload = document.createElement('button');
  reload.textContent = i18n.t('startup.reload');
  reload.onclick = () => window.location.reload();
  main.append(text, reload);
  container.replaceChildren(main);
}
