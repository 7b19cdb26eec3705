import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { RegistryAccess, RoleDefinition } from '@ctp/contracts';
import { Allowed } from '../components/Allowed.tsx';
import { useAccessControlT } from '../i18n.ts';

const useStyles = makeStyles({
  section: { margin: `${tokens.spacingVerticalM} 0` },
  heading: { fontSize: tokens.fontSizeBase300, margin: `${tokens.spacingVerticalS} 0` },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, fontFamily: tokens.fontFamilyMonospace },
  grant: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  grants: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalXS },
});

const KINDS = ['actions', 'notActions', 'dataActions', 'notDataActions'] as const;
const GRANTS: Array<keyof RegistryAccess> = [
  'canPull',
  'canPush',
  'canSign',
  'canChangeTrustPolicy',
  'canAssignRoles',
];

/** A role's details: description, what it allows here, and its actions and data actions. */
export function RoleDetailsDrawer({ role, onClose }: { role?: RoleDefinition; onClose: () => void }) {
  const styles = useStyles();
  const t = useAccessControlT();
  return (
    <OverlayDrawer
      position="end"
      size="medium"
      open={!!role}
      onOpenChange={(_, d) => (!d.open ? onClose() : undefined)}
    >
      {role ? (
        <>
          <DrawerHeader>
            <DrawerHeaderTitle
              action={
                <Button
                  appearance="subtle"
                  aria-label={t('wizard.details.close')}
                  icon={<DismissRegular />}
                  onClick={onClose}
                />
              }
            >
              {t('wizard.details.title', { role: role.roleName })}
            </DrawerHeaderTitle>
          </DrawerHeader>
          <DrawerBody>
            <Text as="p">{role.description}</Text>
            <section className={styles.section}>
              <h3 className={styles.heading}>{t('wizard.details.grants')}</h3>
              <ul className={styles.grants}>
                {GRANTS.map((g) => (
                  <li key={g} className={styles.grant}>
                    <Text>{t(`check.capability.${g}`)}</Text>
                    <Allowed allowed={role.grants[g]} yes={t('check.yes')} no={t('check.no')} />
                  </li>
                ))}
              </ul>
            </section>
            <section className={styles.section}>
              <h3 className={styles.heading}>{t('wizard.details.permissions')}</h3>
              {KINDS.map((kind) => {
                const values = role.permissions.flatMap((p) => p[kind]);
                return (
                  <div key={kind}>
                    <h4 className={styles.heading}>{t(`wizard.details.${kind}`)}</h4>
                    {values.length === 0 ? (
                      <Text>{t('wizard.details.none')}</Text>
                    ) : (
                      <ul className={styles.list}>
                        {values.map((v) => (
                          <li key={v}>{v}</li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              })}
            </section>
          </DrawerBody>
        </>
      ) : null}
    </OverlayDrawer>
  );
}
