import {
  Avatar,
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.ts';

/** Header control: "Sign in" when signed out; the account's name with a "Sign out" menu when signed in. */
export function AccountControl() {
  const { t } = useTranslation();
  const { account, signIn, signOut } = useSession();
  if (!account) {
    return (
      <Button appearance="primary" onClick={() => void signIn()}>
        {t('session.signIn')}
      </Button>
    );
  }
  const name = account.name ?? account.username;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<Avatar name={name} size={24} aria-hidden />}>
          {name}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem onClick={() => void signOut()}>{t('session.signOut')}</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
