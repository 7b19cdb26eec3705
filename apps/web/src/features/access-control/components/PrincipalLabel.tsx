import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  AppGenericRegular,
  PeopleRegular,
  PersonQuestionMarkRegular,
  PersonRegular,
  ShieldKeyholeRegular,
} from '@fluentui/react-icons';
import type { Principal } from '@ctp/contracts';
import { useAccessControlT } from '../i18n.ts';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  icon: { fontSize: '20px', flexShrink: 0, color: tokens.colorNeutralForeground2 },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  sub: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

/** The type's text label ("User", "Service principal", "Managed identity"…). */
export function usePrincipalTypeLabel() {
  const t = useAccessControlT();
  return (p: Pick<Principal, 'type' | 'servicePrincipalType'>) =>
    p.type === 'ServicePrincipal' && p.servicePrincipalType === 'ManagedIdentity'
      ? t('principal.type.ManagedIdentity')
      : t(`principal.type.${p.type}`);
}

export function PrincipalIcon({ principal }: { principal: Principal }) {
  const styles = useStyles();
  const Icon = !principal.found
    ? PersonQuestionMarkRegular
    : principal.type === 'User'
      ? PersonRegular
      : principal.type === 'Group' || principal.type === 'ForeignGroup'
        ? PeopleRegular
        : principal.servicePrincipalType === 'ManagedIdentity'
          ? ShieldKeyholeRegular
          : AppGenericRegular;
  return <Icon className={styles.icon} aria-hidden />;
}

/** The one-line name of a principal for sentences and accessible names. */
export function usePrincipalName() {
  const t = useAccessControlT();
  return (p: Principal) => (p.found ? (p.displayName ?? p.id) : t('principal.notFound'));
}

/** Name, sign-in name or app id, as the portal's Name column; "Identity not found" with the object id. */
export function PrincipalLabel({ principal }: { principal: Principal }) {
  const styles = useStyles();
  const t = useAccessControlT();
  const sub = !principal.found
    ? t('principal.notFoundHint', { id: principal.id })
    : (principal.userPrincipalName ??
      (principal.appId ? t('principal.appId', { appId: principal.appId }) : principal.mail));
  return (
    <span className={styles.root}>
      <PrincipalIcon principal={principal} />
      <span className={styles.text}>
        <Text weight="semibold">
          {principal.found ? (principal.displayName ?? principal.id) : t('principal.notFound')}
        </Text>
        {sub ? <Caption1 className={styles.sub}>{sub}</Caption1> : null}
      </span>
    </span>
  );
}
