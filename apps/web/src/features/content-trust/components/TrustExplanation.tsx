import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
});

/** What the setting does, in plain words (what it enforces, what it does not, what disabling deletes). */
export function TrustExplanation() {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      <li>
        <Text>{t('contentTrust.what.enable')}</Text>
      </li>
      <li>
        <Text>{t('contentTrust.what.notEnforced')}</Text>
      </li>
      <li>
        <Text weight="semibold">{t('contentTrust.what.disable')}</Text>
      </li>
    </ul>
  );
}
