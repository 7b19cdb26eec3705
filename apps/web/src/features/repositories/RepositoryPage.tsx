import {
  Button,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  SearchBox,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowLeftRegular } from '@fluentui/react-icons';
import { useNavigate } from '@tanstack/react-router';
import { tagStatuses, type TagStatus } from '@ctp/contracts';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { registryBladeHref } from '../registries/registry-links.ts';
import { useRegistryRef } from '../registries/registry-ref.ts';
import { downloadReport, repositoryOfSplat, useRepositoryTags } from './queries.ts';
import { repositoryRoute } from './route.tsx';
import { StatusBar } from './StatusBar.tsx';
import { filterTags, signersOf, type TagSortKey } from './tag-filter.ts';
import { TagTable } from './TagTable.tsx';
import { TrustDetailsPanel } from './TrustDetailsPanel.tsx';
import { emptyCounts } from './scan-state.ts';

/** The verifier's reason when a root is not signed by the root trusted before (`role: check: …`). */
const ROOT_REPLACED = 'root: root-rotation:';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  title: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

/** One repository: its tags (virtualized, sortable, filterable, the content-trust client view) and trust details. */
export function RepositoryPage() {
  const ref = useRegistryRef()!;
  const { _splat } = repositoryRoute.useParams();
  const repository = repositoryOfSplat(_splat);
  const search = repositoryRoute.useSearch();
  const navigate = useNavigate({ from: repositoryRoute.fullPath });
  const { t } = useTranslation();
  const styles = useStyles();
  const api = useApi();
  const tags = useRepositoryTags(ref, repository);
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ key: TagSortKey; descending: boolean }>({
    key: 'tag',
    descending: false,
  });
  // Stable, so the table's memoized header is not rendered again with every streamed page.
  const onSort = useCallback(
    (key: TagSortKey) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false })),
    [],
  );
  const state = tags.data;
  const status = tagStatuses.includes(search.status as TagStatus) ? (search.status as TagStatus) : undefined;
  const clientView = search.client === true;
  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (s) => ({ ...s, ...patch }), replace: true });

  const rows = useMemo(
    () =>
      filterTags(state?.rows ?? [], {
        status,
        signer: search.signer,
        text,
        clientView,
        sort: sort.key,
        descending: sort.descending,
      }),
    [state?.rows, status, search.signer, text, clientView, sort],
  );
  const signers = useMemo(() => signersOf(state?.rows ?? []), [state?.rows]);
  const counts =
    state?.counts ?? state?.rows.reduce((c, r) => ({ ...c, [r.status]: c[r.status] + 1 }), emptyCounts());

  return (
    <div className={styles.column}>
      <RouterLink to={registryBladeHref(ref, 'repositories')}>
        <ArrowLeftRegular aria-hidden /> {t('repositories.repository.backToList')}
      </RouterLink>
      <div className={styles.title}>
        <Text as="h2" size={500} weight="semibold">
          {repository}
        </Text>
        {counts && <StatusBar counts={counts} label={repository} />}
      </div>
      <SectionCard title={t('repositories.repository.tagsTitle')}>
        <div className={styles.toolbar}>
          <SearchBox
            aria-label={t('repositories.repository.filterTag')}
            value={text}
            onChange={(_, d) => setText(d.value)}
          />
          <Field label={t('repositories.repository.filterStatus')}>
            <Dropdown
              value={status ? t(`repositories.status.${status}`) : t('repositories.repository.allStatuses')}
              selectedOptions={[status ?? '']}
              onOptionSelect={(_, d) => setSearch({ status: d.optionValue || undefined })}
            >
              <Option value="">{t('repositories.repository.allStatuses')}</Option>
              {tagStatuses.map((s) => (
                <Option key={s} value={s}>
                  {t(`repositories.status.${s}`)}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t('repositories.repository.filterSigner')}>
            <Dropdown
              value={search.signer ?? t('repositories.repository.allSigners')}
              selectedOptions={[search.signer ?? '']}
              onOptionSelect={(_, d) => setSearch({ signer: d.optionValue || undefined })}
            >
              <Option value="">{t('repositories.repository.allSigners')}</Option>
              {signers.map((s) => (
                <Option key={s} value={s}>
                  {s}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field hint={t('repositories.repository.clientViewHelp')}>
            <Switch
              label={t('repositories.repository.clientView')}
              checked={clientView}
              onChange={(_, d) => setSearch({ client: d.checked || undefined })}
            />
          </Field>
          <Button
            icon={<ArrowDownloadRegular />}
            onClick={() => void downloadReport(api, ref, 'csv', repository)}
          >
            {t('repositories.repository.report')}
          </Button>
        </div>
        {tags.isError && <ProblemMessage error={tags.error} onRetry={() => void tags.refetch()} />}
        {state?.problem && <ProblemMessage error={new Error(state.problem.detail ?? state.problem.title)} />}
        {state && (state.trust === 'unknown' || state.trust === 'invalid') && (
          <MessageBar intent="warning">
            <MessageBarBody>
              {state.reason
                ? t('repositories.repository.trustFailedBecause', {
                    state: t(`repositories.trust.${state.trust}`),
                    reason: state.reason,
                  })
                : t('repositories.repository.trustFailed', { state: t(`repositories.trust.${state.trust}`) })}
              {state.reason?.startsWith(ROOT_REPLACED) && (
                <Text block size={200}>
                  {t('repositories.repository.rootReplaced')}
                </Text>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {!state?.finished && tags.fetchStatus === 'fetching' && (
          <Spinner
            size="tiny"
            label={t('repositories.repository.loadingTags', { count: state?.rows.length ?? 0 })}
          />
        )}
        {/* The total is known once the listing ends; until then the spinner counts what has come. */}
        {state?.finished && (
          <Text aria-live="polite">
            {t('repositories.repository.tagCount', {
              shown: rows.length,
              total: state.total ?? state.rows.length,
            })}
          </Text>
        )}
        {state && rows.length === 0 && state.finished && <Text>{t('repositories.repository.noTags')}</Text>}
        {rows.length > 0 && (
          <TagTable
            rows={rows}
            total={state?.total ?? rows.length}
            pullPrefix={`${state?.loginServer ?? ''}/${repository}`}
            clientView={clientView}
            sort={sort.key}
            descending={sort.descending}
            onSort={onSort}
            label={t('repositories.repository.tagsTitle')}
          />
        )}
      </SectionCard>
      <TrustDetailsPanel registry={ref} repository={repository} />
    </div>
  );
}
