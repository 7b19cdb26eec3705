import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, SubtractCircleRegular } from '@fluentui/react-icons';
import type { RegistryCapabilities, RegistryDetail } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { ContentTrustBadge } from './ContentTrustBadge.tsx';
import { useRegistry } from './queries.ts';
import { PropertyList } from './RegistryProperties.tsx';
import { useRegistryRef } from './registry-ref.ts';
import { RepositoriesOverviewSection } from '../repositories/OverviewSection.tsx';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace },
  access: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, padding: 0 },
  accessItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, listStyle: 'none' },
  yes: { color: tokens.colorPaletteGreenForeground1 },
  no: { color: tokens.colorNeutralForeground3 },
});

/** Overview: the registry's essentials and what the signed-in person may do on it. */
export function OverviewPage() {
  const ref = useRegistryRef();
  const registry = useRegistry(ref);
  if (!registry.data) return null; // the blade layout shows loading and errors
  return (
    <>
      <Overview registry={registry.data} />
      <RepositoriesOverviewSection registry={ref!} />
    </>
  );
}

export function Overview({ registry }: { registry: RegistryDetail }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const created = registry.createdAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(registry.createdAt),
      )
    : '—';
  return (
    <>
      <SectionCard title={t('registries.overview.essentials')}>
        <PropertyList
          items={[
            { label: t('registries.overview.resourceGroup'), value: <Text>{registry.resourceGroup}</Text> },
            {
              label: t('registries.overview.loginServer'),
              value: (
                <>
                  <Text className={styles.mono}>{registry.loginServer}</Text>
                  <CopyButton value={registry.loginServer} label={t('registries.overview.loginServer')} />
                </>
              ),
            },
            { label: t('registries.overview.location'), value: <Text>{registry.location}</Text> },
            { label: t('registries.overview.created'), value: <Text>{created}</Text> },
            {
              label: t('registries.overview.subscription'),
              value: <Text>{registry.subscriptionDisplayName ?? registry.subscriptionId}</Text>,
            },
            {
              label: t('registries.overview.provisioningState'),
              value: <Text>{registry.provisioningState}</Text>,
            },
            {
              label: t('registries.overview.subscriptionId'),
              value: (
                <>
                  <Text className={styles.mono}>{registry.subscriptionId}</Text>
                  <CopyButton
                    value={registry.subscriptionId}
                    label={t('registries.overview.subscriptionId')}
                  />
                </>
              ),
            },
            { label: t('registries.overview.sku'), value: <Text>{registry.sku}</Text> },
            {
              label: t('registries.overview.contentTrust'),
              value: <ContentTrustBadge registry={registry} />,
            },
            {
              label: t('registries.overview.adminUser'),
              value: (
                <Text>
                  {registry.adminUserEnabled
                    ? t('registries.overview.adminEnabled')
                    : t('registries.overview.adminDisabled')}
                </Text>
              ),
            },
          ]}
        />
      </SectionCard>
      <SectionCard title={t('registries.overview.yourAccess')}>
        <ul className={styles.access}>
          {(['canPull', 'canPush', 'canSign', 'canChangeTrustPolicy', 'canAssignRoles'] as const).map(
            (key) => (
              <CapabilityItem key={key} name={key} allowed={registry.capabilities[key]} />
            ),
          )}
        </ul>
      </SectionCard>
    </>
  );
}

function CapabilityItem({ name, allowed }: { name: keyof RegistryCapabilities; allowed: boolean }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <li className={styles.accessItem}>
      {allowed ? (
        <CheckmarkCircleRegular className={styles.yes} aria-hidden />
      ) : (
        <SubtractCircleRegular className={styles.no} aria-hidden />
      )}
      <Text>
        {t(`registries.overview.capabilities.${name}`)}:{' '}
        <strong>{allowed ? t('registries.overview.allowed') : t('registries.overview.notAllowed')}</strong>
      </Text>
    </li>
  );
}
