import {
  FluentProvider,
  Text,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './Header.tsx';
import { HealthCard } from './HealthCard.tsx';
import { SessionCard } from './SessionCard.tsx';

const useStyles = makeStyles({
  root: { minHeight: '100vh' },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '960px',
  },
});

const themeKey = 'ctp.theme';

function initialDark(): boolean {
  const stored = localStorage.getItem(themeKey);
  if (stored) return stored === 'dark';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/** The themed shell; sign-in state comes from the MsalProvider around it (main.tsx). */
export function App() {
  const [dark, setDark] = useState(initialDark);
  const onDarkChange = (value: boolean) => {
    localStorage.setItem(themeKey, value ? 'dark' : 'light');
    setDark(value);
  };
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <Shell dark={dark} onDarkChange={onDarkChange} />
    </FluentProvider>
  );
}

function Shell({ dark, onDarkChange }: { dark: boolean; onDarkChange: (dark: boolean) => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <div className={styles.root}>
      <Header dark={dark} onDarkChange={onDarkChange} />
      <main className={styles.main}>
        <Text as="p">{t('app.tagline')}</Text>
        <SessionCard />
        <HealthCard />
      </main>
    </div>
  );
}
