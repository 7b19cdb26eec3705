import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { RoleAssignment } from '@ctp/contracts';
import { useAccessControlT } from '../i18n.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column' },
  sub: { color: tokens.colorNeutralForeground3 },
});

/** "Resource group registries-rg" / "Subscription contoso-dev": where an inherited assignment is made. */
export function useScopeText() {
  const t = useAccessControlT();
  return (a: Pick<RoleAssignment, 'origin' | 'originName'>) =>
    a.origin === 'thisResource' ? t('list.thisResource') : `${t(`list.origin.${a.origin}`)} ${a.originName}`;
}

/** "This resource", or the origin scope marked (Inherited) with its kind. */
export function ScopeLabel({ assignment }: { assignment: RoleAssignment }) {
  const styles = useStyles();
  const t = useAccessControlT();
  if (!assignment.inherited) return <Text>{t('list.thisResource')}</Text>;
  return (
    <span className={styles.root}>
      <Text>{t('list.inheritedFrom', { name: assignment.originName })}</Text>
      <Caption1 className={styles.sub}>{t(`list.origin.${assignment.origin}`)}</Caption1>
    </span>
  );
}
