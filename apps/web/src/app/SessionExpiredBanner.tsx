import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useSessionExpired } from '../api/session-expiry.ts';
import { useSession } from '../auth/use-session.ts';

/** "Your session has expired" with a Sign in that comes back to this very page. */
export function SessionExpiredBanner() {
  const { t } = useTranslation();
  const expired = useSessionExpired();
  const { signIn } = useSession();
  if (!expired) return null;
  return (
    <MessageBar intent="warning" role="alert" layout="singleline">
      <MessageBarBody>
        <MessageBarTitle>{t('session.expiredTitle')}</MessageBarTitle>
        {t('session.expiredBody')}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={() => void signIn()}>
          {t('session.signIn')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
