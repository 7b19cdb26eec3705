import { Button, Card, CardHeader, Text, makeStyles, tokens, useId } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.ts';

const useStyles = makeStyles({
  card: { maxWidth: '560px', margin: `${tokens.spacingVerticalXXXL} auto` },
});

/** What a signed-out person sees at any URL; signing in returns to that URL. */
export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const styles = useStyles();
  const titleId = useId('welcome');
  const deepLink = window.location.pathname !== '/' && window.location.pathname !== '/registries';
  return (
    <Card className={styles.card} aria-labelledby={titleId}>
      <CardHeader
        header={
          <Text id={titleId} as="h2" size={500} weight="semibold">
            {t('session.welcomeTitle')}
          </Text>
        }
      />
      <Text as="p">{t('session.welcomeBody')}</Text>
      {deepLink && <Text as="p">{t('session.welcomeDeepLink')}</Text>}
      <div>
        <Button appearance="primary" onClick={() => void signIn()}>
          {t('session.signIn')}
        </Button>
      </div>
    </Card>
  );
}
