import {
  Avatar,
  Button,
  Menu,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.ts';

const useStyles = makeStyles({
  label: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', lineHeight: 1.2 },
  directory: { color: tokens.colorNeutralForeground3, textTransform: 'uppercase' },
});

/** The directory a person signed in to, as the portal shows it (the domain of their sign-in name). */
function directoryOf(username: string): string {
  const at = username.lastIndexOf('@');
  return at >= 0 ? username.slice(at + 1) : '';
}

/** Header control: "Sign in" when signed out; the person and their directory with a "Sign out" menu when signed in. */
export function AccountControl() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { account, signIn, signOut } = useSession();
  if (!account) {
    return (
      <Button appearance="primary" onClick={() => void signIn()}>
        {t('session.signIn')}
      </Button>
    );
  }
  const name = account.name ?? account.username;
  const directory = directoryOf(account.username);
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<Avatar name={name} size={28} aria-hidden />}>
          <span className={styles.label}>
            <Text size={300}>{name}</Text>
            {directory && (
              <Text size={100} className={styles.directory}>
                {directory}
              </Text>
            )}
          </span>
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuGroupHeader>{account.username}</MenuGroupHeader>
          {account.tenantId && (
            <MenuGroupHeader>{t('app.directory', { tenant: account.tenantId })}</MenuGroupHeader>
          )}
          <MenuItem onClick={() => void signOut()}>{t('session.signOut')}</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
