import { lazy, Suspense } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { AuthenticatedTemplate, UnauthenticatedTemplate } from '@azure/msal-react';
import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useTheme } from './theme.tsx';
import { Header } from './Header.tsx';
import { SessionExpiredBanner } from './SessionExpiredBanner.tsx';

// Only signed-out people see it: loaded on demand, so its card stays out of the initial JavaScript.
const SignInPage = lazy(() => import('./SignInPage.tsx').then((m) => ({ default: m.SignInPage })));

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalM,
      zIndex: 1000,
      padding: tokens.spacingHorizontalM,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  main: { flexGrow: 1, display: 'flex', flexDirection: 'column', outline: 'none' },
});

/** Header, skip link and session banner around every page; signed-out people see the sign-in page. */
export function Shell() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { dark, setDark } = useTheme();
  return (
    <div className={styles.root}>
      <a
        className={styles.skip}
        href="#main"
        onClick={(event) => {
          // Focus the main region itself (a bare fragment jump only scrolls), without touching the route.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <Header dark={dark} onDarkChange={setDark} />
      <SessionExpiredBanner />
      <main id="main" tabIndex={-1} className={styles.main}>
        <AuthenticatedTemplate>
          <Outlet />
        </AuthenticatedTemplate>
        <UnauthenticatedTemplate>
          <Suspense fallback={null}>
            <SignInPage />
          </Suspense>
        </UnauthenticatedTemplate>
      </main>
    </div>
  );
}
