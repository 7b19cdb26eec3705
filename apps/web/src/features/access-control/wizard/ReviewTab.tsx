import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Principal, RoleDefinition } from '@ctp/contracts';
import { PrincipalLabel } from '../components/PrincipalLabel.tsx';
import { useAccessControlT } from '../i18n.ts';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalM,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: {
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
});

export interface ReviewTabProps {
  registryName: string;
  scope: string;
  role?: RoleDefinition;
  members: Principal[];
  alsoPush: Principal[];
  description: string;
}

/** The wizard's Review + assign tab: scope, role, members and description as they will be sent. */
export function ReviewTab({ registryName, scope, role, members, alsoPush, description }: ReviewTabProps) {
  const styles = useStyles();
  const t = useAccessControlT();
  return (
    <dl className={styles.list}>
      <dt className={styles.term}>{t('wizard.review.scope')}</dt>
      <dd className={styles.value}>
        <Text>{registryName}</Text>
        <Text size={200}>{scope}</Text>
      </dd>
      <dt className={styles.term}>{t('wizard.review.role')}</dt>
      <dd className={styles.value}>{role?.roleName ?? '—'}</dd>
      <dt className={styles.term}>{t('wizard.review.members')}</dt>
      <dd className={styles.value}>
        {members.length === 0 ? '—' : members.map((m) => <PrincipalLabel key={m.id} principal={m} />)}
      </dd>
      {alsoPush.length > 0 ? (
        <>
          <dt className={styles.term}>{t('wizard.review.alsoPush')}</dt>
          <dd className={styles.value}>
            {alsoPush.map((m) => (
              <PrincipalLabel key={m.id} principal={m} />
            ))}
          </dd>
        </>
      ) : null}
      <dt className={styles.term}>{t('wizard.review.description')}</dt>
      <dd className={styles.value}>{description.trim() || t('wizard.review.noDescription')}</dd>
    </dl>
  );
}
