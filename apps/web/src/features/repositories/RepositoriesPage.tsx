import {
  Button,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  SearchBox,
  Switch,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowDownloadRegular, DismissRegular } from '@fluentui/react-icons';
import { useNavigate } from '@tanstack/react-router';
import type { RegistryRef, RepositorySummary } from '@ctp/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useRegistryRef } from '../registries/registry-ref.ts';
import { KeysView } from './KeysView.tsx';
import { repositoryHref } from './links.ts';
import { downloadReport, useCancelScan, useRegistryScan, useRetryRepository } from './queries.ts';
import { RepositoriesTable } from './RepositoriesTable.tsx';
import { repositoriesRoute } from './route.tsx';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '640px' },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type SortKey = 'name' | 'unsigned' | 'tags';

export function RepositoriesPage() {
  const ref = useRegistryRef()!;
  const { t } = useTranslation();
  const search = repositoriesRoute.useSearch() as { view?: 'repositories' | 'keys' };
  const navigate = useNavigate({ from: repositoriesRoute.fullPath });
  const view = search.view ?? 'repositories';
  return (
    <>
      <TabList
        aria-label={t('repositories.tabs.label')}
        selectedValue={view}
        onTabSelect={(_, d) =>
          void navigate({ search: (s) => ({ ...s, view: d.value === 'keys' ? 'keys' : undefined }) })
        }
      >
        <Tab value="repositories">{t('repositories.tabs.repositories')}</Tab>
        <Tab value="keys">{t('repositories.tabs.keys')}</Tab>
      </TabList>
      {view === 'keys' ? <KeysView registry={ref} /> : <RepositoriesScan registry={ref} />}
    </>
  );
}

function needsAttention(r: RepositorySummary): boolean {
  return (
    r.trust === 'unknown' ||
    r.trust === 'invalid' ||
    r.counts.unsigned + r.counts['signed-digest-mismatch'] + r.counts['signed-tag-missing'] > 0
  );
}

function RepositoriesScan({ registry }: { registry: RegistryRef }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const api = useApi();
  const scan = useRegistryScan(registry);
  const cancel = useCancelScan(registry);
  const retry = useRetryRepository(registry);
  const [cancelled, setCancelled] = useState(false);
  const [filter, setFilter] = useState('');
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [sort, setSort] = useState<SortKey>('name');
  const state = scan.data;
  const running = scan.fetchStatus === 'fetching' && !state?.finished;

  const shown = useMemo(() => {
    const list = (state?.repositories ?? []).filter(
      (r) => r.repository.includes(filter.trim().toLowerCase()) && (!onlyProblems || needsAttention(r)),
    );
    const by: Record<SortKey, (a: RepositorySummary, b: RepositorySummary) => number> = {
      name: (a, b) => a.repository.localeCompare(b.repository),
      unsigned: (a, b) => b.counts.unsigned - a.counts.unsigned || a.repository.localeCompare(b.repository),
      tags: (a, b) => b.tags - a.tags || a.repository.localeCompare(b.repository),
    };
    return list.sort(by[sort]);
  }, [state?.repositories, filter, onlyProblems, sort]);
  const failed = (state?.repositories ?? []).filter((r) => r.trust === 'unknown');

  return (
    <div className={styles.column}>
      <Text>{t('repositories.scan.description')}</Text>
      <div className={styles.toolbar}>
        {running ? (
          <Button
            icon={<DismissRegular />}
            onClick={() => {
              setCancelled(true);
              void cancel();
            }}
          >
            {t('repositories.scan.cancel')}
          </Button>
        ) : (
          <Button
            icon={<ArrowClockwiseRegular />}
            onClick={() => {
              setCancelled(false);
              void scan.refetch();
            }}
          >
            {t('repositories.scan.rescan')}
          </Button>
        )}
        <Button icon={<ArrowDownloadRegular />} onClick={() => void downloadReport(api, registry, 'csv')}>
          {t('repositories.scan.download')}
        </Button>
        <Button
          appearance="subtle"
          icon={<ArrowDownloadRegular />}
          onClick={() => void downloadReport(api, registry, 'json')}
        >
          {t('repositories.scan.downloadJson')}
        </Button>
      </div>
      {(running || (state?.total !== undefined && !state.finished)) && state?.total !== undefined && (
        <div className={styles.progress}>
          <Field
            label={t('repositories.scan.progressLabel')}
            validationState="none"
            validationMessage={t('repositories.scan.progress', { done: state.done, total: state.total })}
          >
            <ProgressBar value={state.total === 0 ? 1 : state.done / state.total} max={1} />
          </Field>
        </div>
      )}
      {cancelled && state && !state.finished && (
        <MessageBar intent="info">
          <MessageBarBody>
            {t('repositories.scan.cancelled', { done: state.done, total: state.total ?? 0 })}
          </MessageBarBody>
        </MessageBar>
      )}
      {scan.isError && <ProblemMessage error={scan.error} onRetry={() => void scan.refetch()} />}
      {state?.problem && <ProblemMessage error={new Error(state.problem.detail ?? state.problem.title)} />}
      {failed.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('repositories.scan.failedTitle')}</MessageBarTitle>
            {t('repositories.scan.failedBody', { count: failed.length })}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.toolbar}>
        <SearchBox
          aria-label={t('repositories.scan.filter')}
          placeholder={t('repositories.scan.filterPlaceholder')}
          value={filter}
          onChange={(_, d) => setFilter(d.value)}
        />
        <Field label={t('repositories.scan.sort')}>
          <Dropdown
            value={t(
              `repositories.scan.sort${sort === 'name' ? 'Name' : sort === 'unsigned' ? 'Unsigned' : 'Tags'}`,
            )}
            selectedOptions={[sort]}
            onOptionSelect={(_, d) => setSort((d.optionValue as SortKey) ?? 'name')}
          >
            <Option value="name">{t('repositories.scan.sortName')}</Option>
            <Option value="unsigned">{t('repositories.scan.sortUnsigned')}</Option>
            <Option value="tags">{t('repositories.scan.sortTags')}</Option>
          </Dropdown>
        </Field>
        <Switch
          label={t('repositories.scan.onlyProblems')}
          checked={onlyProblems}
          onChange={(_, d) => setOnlyProblems(d.checked)}
        />
      </div>
      {state?.finished && state.total === 0 && <Text>{t('repositories.scan.empty')}</Text>}
      {shown.length > 0 && (
        <RepositoriesTable
          repositories={shown}
          hrefOf={(r) => repositoryHref(registry, r)}
          onRetry={(r) => retry.mutate(r)}
          {...(retry.isPending && retry.variables ? { retrying: retry.variables } : {})}
        />
      )}
    </div>
  );
}
