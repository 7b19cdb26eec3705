import {
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ContentTrustStatus } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../format.ts';

const useStyles = makeStyles({
  links: { display: 'flex', gap: tokens.spacingHorizontalL, marginTop: tokens.spacingVerticalXS },
});

/** Azure's retirement of Docker Content Trust, with the dates the BFF sends (one place: the contracts). */
export function DeprecationNotice({ deprecation }: { deprecation: ContentTrustStatus['deprecation'] }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('contentTrust.deprecation.title')}</MessageBarTitle>
        {t('contentTrust.deprecation.body', {
          noNewEnablementFrom: formatDay(deprecation.noNewEnablementFrom, i18n.language),
          removedOn: formatDay(deprecation.removedOn, i18n.language),
          successor: deprecation.successor,
        })}
        <div className={styles.links}>
          <Link href={deprecation.infoUrl} target="_blank" rel="noreferrer">
            {t('contentTrust.deprecation.learnMore')}
          </Link>
          <Link href={deprecation.successorUrl} target="_blank" rel="noreferrer">
            {t('contentTrust.deprecation.successor')}
          </Link>
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
