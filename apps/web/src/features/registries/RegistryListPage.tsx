import {
  Button,
  Dropdown,
  Field,
  Option,
  SearchBox,
  Skeleton,
  SkeletonItem,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  BoxMultipleRegular,
  FilterDismissRegular,
  PersonLockRegular,
} from '@fluentui/react-icons';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PageBreadcrumb } from '../../components/PageBreadcrumb.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { filterRegistries } from './filter-registries.ts';
import { useRegistryList } from './queries.ts';
import { RegistryTable } from './RegistryTable.tsx';
import { registryListRoute, type RegistryListSearch } from './routes.tsx';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
  },
  surface: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  title: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  search: { minWidth: '280px' },
});

/** "Container registries": every registry the caller can see, filterable; filters live in the URL. */
export function RegistryListPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const search = registryListRoute.useSearch();
  const navigate = useNavigate({ from: registryListRoute.fullPath });
  const list = useRegistryList();
  const setSearch = (patch: Partial<RegistryListSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const registries = list.data?.value ?? [];
  const shown = filterRegistries(registries, search);
  const resourceGroups = [
    ...new Set(
      registries
        .filter((r) => !search.subscription || r.subscriptionId === search.subscription)
        .map((r) => r.resourceGroup),
    ),
  ].sort();
  const subscriptions = list.data?.subscriptions ?? [];
  const currentSubscription = subscriptions.find((s) => s.subscriptionId === search.subscription);

  return (
    <div className={styles.page}>
      <PageBreadcrumb items={[{ label: t('registries.listTitle') }]} />
      <div className={styles.title}>
        <BoxMultipleRegular fontSize={28} aria-hidden />
        <Text as="h1" size={600} weight="semibold">
          {t('registries.listTitle')}
        </Text>
      </div>
      <div className={styles.surface}>
        <div className={styles.toolbar}>
          <Button
            icon={<ArrowClockwiseRegular />}
            onClick={() => void list.refetch()}
            disabled={list.isFetching}
          >
            {t('registries.refresh')}
          </Button>
          <Field label={t('registries.filterLabel')}>
            <SearchBox
              className={styles.search}
              placeholder={t('registries.filterPlaceholder')}
              value={search.q ?? ''}
              onChange={(_, data) => setSearch({ q: data.value || undefined })}
            />
          </Field>
          <Field label={t('registries.subscription')}>
            <Dropdown
              value={currentSubscription?.displayName ?? t('registries.allSubscriptions')}
              selectedOptions={[search.subscription ?? '']}
              onOptionSelect={(_, data) =>
                setSearch({ subscription: data.optionValue || undefined, resourceGroup: undefined })
              }
            >
              <Option value="">{t('registries.allSubscriptions')}</Option>
              {subscriptions.map((s) => (
                <Option key={s.subscriptionId} value={s.subscriptionId}>
                  {s.displayName}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t('registries.resourceGroup')}>
            <Dropdown
              value={search.resourceGroup ?? t('registries.allResourceGroups')}
              selectedOptions={[search.resourceGroup ?? '']}
              onOptionSelect={(_, data) => setSearch({ resourceGroup: data.optionValue || undefined })}
            >
              <Option value="">{t('registries.allResourceGroups')}</Option>
              {resourceGroups.map((rg) => (
                <Option key={rg} value={rg}>
                  {rg}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </div>

        {list.data?.failures.map((f) => (
          <ProblemMessage
            key={f.subscriptionId}
            error={
              new Error(
                t('registries.subscriptionFailed', {
                  subscription:
                    subscriptions.find((s) => s.subscriptionId === f.subscriptionId)?.displayName ??
                    f.subscriptionId,
                  message: f.problem.detail ?? f.problem.title,
                }),
              )
            }
            onRetry={() => void list.refetch()}
          />
        ))}

        {list.isPending && (
          <Skeleton aria-label={t('common.loading')}>
            {[0, 1, 2].map((i) => (
              <SkeletonItem key={i} size={32} style={{ marginBottom: 8 }} />
            ))}
          </Skeleton>
        )}
        {list.isError && <ProblemMessage error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && registries.length === 0 && (
          <EmptyState icon={<PersonLockRegular />} title={t('registries.noAccessTitle')}>
            {t('registries.noAccessBody')}
          </EmptyState>
        )}
        {list.isSuccess && registries.length > 0 && shown.length === 0 && (
          <EmptyState
            icon={<FilterDismissRegular />}
            title={t('registries.noMatchTitle')}
            actions={
              <Button
                onClick={() => setSearch({ q: undefined, subscription: undefined, resourceGroup: undefined })}
              >
                {t('registries.clearFilters')}
              </Button>
            }
          >
            {t('registries.noMatchBody')}
          </EmptyState>
        )}
        {shown.length > 0 && (
          <>
            <Text size={200} role="status">
              {t('registries.count', { count: shown.length })}
            </Text>
            <RegistryTable registries={shown} subscriptions={subscriptions} />
          </>
        )}
      </div>
    </div>
  );
}
