import { Select, Switch, Text, makeStyles, tokens, useId } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { setLanguage, supportedLanguages, type LanguageCode } from '../i18n/index.ts';
import { RouterLink } from '../components/RouterLink.tsx';
import { AccountControl } from './AccountControl.tsx';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  title: { flexGrow: 1 },
  home: { color: tokens.colorNeutralForeground1, ':hover': { textDecorationLine: 'none' } },
  language: { minWidth: '140px', width: '140px' },
  controls: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

export function Header({ dark, onDarkChange }: { dark: boolean; onDarkChange: (dark: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const languageLabelId = useId('language-label');
  const current = supportedLanguages.find((l) => l.code === i18n.language) ?? supportedLanguages[0];
  return (
    <header className={styles.header}>
      <div className={styles.title}>
        <RouterLink to="/registries" className={styles.home}>
          <Text size={500} weight="semibold">
            {t('app.name')}
          </Text>
        </RouterLink>
      </div>
      <div className={styles.controls}>
        <Text id={languageLabelId}>{t('settings.language')}</Text>
        {/* A native select: two choices need no listbox of Fluent's own (and its code in every page load). */}
        <Select
          className={styles.language}
          aria-labelledby={languageLabelId}
          value={current.code}
          onChange={(_, data) => setLanguage(data.value as LanguageCode)}
        >
          {supportedLanguages.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.label}
            </option>
          ))}
        </Select>
        <Switch
          checked={dark}
          onChange={(_, data) => onDarkChange(data.checked)}
          label={t('settings.darkTheme')}
        />
        <AccountControl />
      </div>
    </header>
  );
}
