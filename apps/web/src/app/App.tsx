import { FluentProvider, Toaster, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useApi } from '../api/use-api.ts';
import { useSession } from '../auth/use-session.ts';
import { createPortalRouter } from './router.tsx';
import { ThemeContext, initialDark, rememberDark } from './theme.tsx';

/** Toasts of every blade go to this one toaster (useToastController(portalToasterId)). */
export const portalToasterId = 'portal-toaster';

/** The themed app: Fluent UI's provider around the router; sign-in state comes from MsalProvider (main.tsx). */
export function App() {
  const [dark, setDarkState] = useState(initialDark);
  const queryClient = useQueryClient();
  const api = useApi();
  const signedIn = useSession().account !== undefined;
  const context = useMemo(
    () => ({ queryClient, api: signedIn ? api : undefined }),
    [queryClient, api, signedIn],
  );
  // Created once; the context (the signed-in API) reaches it through RouterProvider as it changes.
  const [router] = useState(() => createPortalRouter(context));
  const theme = useMemo(
    () => ({
      dark,
      setDark: (value: boolean) => {
        rememberDark(value);
        setDarkState(value);
      },
    }),
    [dark],
  );
  return (
    <ThemeContext.Provider value={theme}>
      <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
        <RouterProvider router={router} context={context} />
        <Toaster toasterId={portalToasterId} position="top-end" pauseOnHover />
      </FluentProvider>
    </ThemeContext.Provider>
  );
}
