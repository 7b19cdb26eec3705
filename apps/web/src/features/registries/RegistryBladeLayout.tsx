import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { BoxMultipleRegular, PersonLockRegular } from '@fluentui/react-icons';
import { Outlet, useLocation } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageBreadcrumb } from '../../components/PageBreadcrumb.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { BladeNav } from './BladeNav.tsx';
import { useRegistry } from './queries.ts';
import { registryBladeHref, registryBlades, type RegistryBlade } from './registry-links.ts';
import { useRegistryRef } from './registry-ref.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', flexGrow: 1 },
  top: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
  },
  title: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  kind: { color: tokens.colorNeutralForeground3 },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  content: {
    flexGrow: 1,
    minWidth: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
});

const bladeLabelKey: Record<RegistryBlade, string> = {
  overview: 'registries.blade.overview',
  'access-control': 'registries.blade.accessControl',
  repositories: 'registries.blade.repositories',
  'content-trust': 'registries.blade.contentTrust',
};

/** The blade of one registry: breadcrumb, "<name> | <blade>" title, left menu, and the selected blade. */
export function RegistryBladeLayout() {
  const { t } = useTranslation();
  const styles = useStyles();
  const ref = useRegistryRef();
  const location = useLocation();
  const current =
    registryBlades.find((b) => location.pathname.split('/').includes(b)) ?? ('overview' as RegistryBlade);
  const registry = useRegistry(ref);
  const bladeLabel = t(bladeLabelKey[current]);
  const name = ref?.registryName ?? '';

  if (!ref || (registry.error instanceof ApiError && [400, 403, 404].includes(registry.error.status))) {
    return (
      <EmptyState
        icon={<PersonLockRegular />}
        title={t('registries.blade.notFoundTitle')}
        actions={<RouterLink to="/registries">{t('registries.blade.backToList')}</RouterLink>}
      >
        {t('registries.blade.notFoundBody')}
        {registry.error instanceof ApiError && registry.error.detail ? ` (${registry.error.detail})` : ''}
      </EmptyState>
    );
  }

  return (
    <div className={styles.page}>
      <div className={styles.top}>
        <PageBreadcrumb
          items={[
            { label: t('registries.listTitle'), href: '/registries' },
            current === 'overview'
              ? { label: name }
              : { label: name, href: registryBladeHref(ref, 'overview') },
            ...(current === 'overview' ? [] : [{ label: bladeLabel }]),
          ]}
        />
        <div className={styles.title}>
          <BoxMultipleRegular fontSize={28} aria-hidden />
          <Text as="h1" size={600} weight="semibold">
            {name} | {bladeLabel}
          </Text>
        </div>
        <Text size={200} className={styles.kind}>
          {t('registries.blade.kind')}
        </Text>
      </div>
      <div className={styles.body}>
        <BladeNav registry={ref} current={current} />
        <div className={styles.content}>
          {registry.isPending && <Spinner size="small" label={t('common.loading')} />}
          {registry.isError && (
            <ProblemMessage error={registry.error} onRetry={() => void registry.refetch()} />
          )}
          {registry.isSuccess && <Outlet />}
        </div>
      </div>
    </div>
  );
}
