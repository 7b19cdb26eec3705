import { FluentProvider, Toaster, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { RouterProvider } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { createPortalRouter } from './router.tsx';
import { ThemeContext, initialDark, rememberDark } from './theme.tsx';

/** Toasts of every blade go to this one toaster (useToastController(portalToasterId)). */
export const portalToasterId = 'portal-toaster';

/** The themed app: Fluent UI's provider around the router; sign-in state comes from MsalProvider (main.tsx). */
export function App() {
  const [dark, setDarkState] = useState(initialDark);
  const router = useMemo(() => createPortalRouter(), []);
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
        <RouterProvider router={router} />
        <Toaster toasterId={portalToasterId} position="top-end" pauseOnHover />
      </FluentProvider>
    </ThemeContext.Provider>
  );
}
