import { Button, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { AuthenticatedTemplate, UnauthenticatedTemplate } from '@azure/msal-react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../api/me.ts';
import { useSession } from '../auth/use-session.ts';
import { SectionCard } from '../components/SectionCard.tsx';

/** Signed out: an invitation to sign in. Signed in: who the BFF verified the caller to be. */
export function SessionCard() {
  const { t } = useTranslation();
  return (
    <>
      <UnauthenticatedTemplate>
        <WelcomeCard />
      </UnauthenticatedTemplate>
      <AuthenticatedTemplate>
        <SectionCard title={t('session.signedInTitle')}>
          <CurrentUser />
        </SectionCard>
      </AuthenticatedTemplate>
    </>
  );
}

function WelcomeCard() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  return (
    <SectionCard title={t('session.welcomeTitle')}>
      <Text as="p">{t('session.welcomeBody')}</Text>
      <div>
        <Button appearance="primary" onClick={() => void signIn()}>
          {t('session.signIn')}
        </Button>
      </div>
    </SectionCard>
  );
}

function CurrentUser() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (me.isPending) return <Spinner size="tiny" label={t('session.checkingSession')} />;
  if (me.isError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t('session.sessionProblem', { message: me.error.message })}</MessageBarBody>
      </MessageBar>
    );
  }
  return <Text as="p">{t('session.signedInAs', { name: me.data.name, username: me.data.username })}</Text>;
}
