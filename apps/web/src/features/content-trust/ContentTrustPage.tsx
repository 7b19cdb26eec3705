import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  Text,
  Toast,
  ToastBody,
  ToastTitle,
  makeStyles,
  tokens,
  useToastController,
} from '@fluentui/react-components';
import { useBlocker, useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { ContentTrustStatus, ContentTrustUpdate, RegistryRef, TrustPolicyStatus } from '@ctp/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.ts';
import { useApi } from '../../api/use-api.ts';
import { portalToasterId } from '../../app/App.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { useRegistryRef } from '../registries/registry-ref.ts';
import { DeprecationNotice } from './components/DeprecationNotice.tsx';
import { DisableTrustDialog } from './components/DisableTrustDialog.tsx';
import { OperationProgress, OperationResult } from './components/OperationProgress.tsx';
import { RecentChanges } from './components/RecentChanges.tsx';
import { TrustExplanation } from './components/TrustExplanation.tsx';
import { TrustPolicyForm } from './components/TrustPolicyForm.tsx';
import { UsingContentTrust } from './components/UsingContentTrust.tsx';
import {
  contentTrustKeys,
  downloadTrustExport,
  useContentTrustStatus,
  useInvalidateAfterChange,
  useTrustChanges,
  useTrustImpact,
  useTrustOperation,
  useUpdateContentTrust,
} from './queries.ts';
import { contentTrustRoute, type ContentTrustSearch } from './route.tsx';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  description: { color: tokens.colorNeutralForeground2 },
});

/** Policies > Content trust: wires the blade's queries and mutation to its components. */
export function ContentTrustPage() {
  const ref = useRegistryRef();
  const { t } = useTranslation();
  const status = useContentTrustStatus(ref!);
  if (status.isPending) return <Spinner size="small" label={t('common.loading')} />;
  if (status.isError) return <ProblemMessage error={status.error} onRetry={() => void status.refetch()} />;
  return <ContentTrustBlade registry={ref!} status={status.data} />;
}

function ContentTrustBlade({ registry, status }: { registry: RegistryRef; status: ContentTrustStatus }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const api = useApi();
  const queryClient = useQueryClient();
  // The router types a child's search as a union with its parents' (empty) ones.
  const search = contentTrustRoute.useSearch() as ContentTrustSearch;
  const navigate = useNavigate({ from: contentTrustRoute.fullPath });
  const { dispatchToast } = useToastController(portalToasterId);
  const invalidate = useInvalidateAfterChange(registry);
  const name = status.registryName;

  const [choice, setChoice] = useState<TrustPolicyStatus | undefined>();
  const effective = choice ?? status.trustPolicy.status;
  const dirty = effective !== status.trustPolicy.status;
  const [dialogOpen, setDialogOpen] = useState(false);
  const [exportState, setExportState] = useState<{ running: boolean; file?: string; error?: unknown }>({
    running: false,
  });
  const impact = useTrustImpact(registry, dialogOpen);
  const changes = useTrustChanges(registry, status.capabilities.canReadActivityLog);
  const update = useUpdateContentTrust(registry);
  const operation = useTrustOperation(registry, search.operation);
  const running = Boolean(search.operation) && (!operation.data || operation.data.status === 'InProgress');
  const finished = search.operation && operation.data?.status !== 'InProgress' ? operation.data : undefined;

  const toast = (intent: 'success' | 'error' | 'warning', title: string, body?: string) =>
    dispatchToast(
      <Toast>
        <ToastTitle>{title}</ToastTitle>
        {body && <ToastBody>{body}</ToastBody>}
      </Toast>,
      { intent, timeout: intent === 'success' ? 6000 : -1 },
    );
  const doneToast = (requested: TrustPolicyStatus) =>
    toast(
      'success',
      t(requested === 'enabled' ? 'contentTrust.toast.enabled' : 'contentTrust.toast.disabled', { name }),
    );

  // A change ARM ran as an operation has ended: say so once, refresh every view of the registry.
  const handled = useRef<string | undefined>(undefined);
  useEffect(() => {
    const op = operation.data;
    if (!op || op.status === 'InProgress' || handled.current === op.id) return;
    handled.current = op.id;
    if (op.status === 'Succeeded') doneToast(search.requested ?? status.trustPolicy.status);
    else toast('error', t('contentTrust.toast.failed', { name }), op.error?.detail);
    void invalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per finished operation
  }, [operation.data]);

  // Leaving with an unsaved choice asks first; the blade's own search updates (?operation=) are not leaving.
  const blocker = useBlocker({
    shouldBlockFn: ({ current, next }) => dirty && current.pathname !== next.pathname,
    withResolver: true,
    enableBeforeUnload: () => dirty,
  });

  const submit = (body: ContentTrustUpdate) =>
    update.mutate(
      { update: body, etag: status.etag },
      {
        onSuccess: (result) => {
          setDialogOpen(false);
          setChoice(undefined);
          queryClient.setQueryData(contentTrustKeys.status(registry), result.status);
          if (result.operation) {
            void navigate({
              search: { operation: result.operation.id, requested: body.status },
              replace: true,
            });
          } else {
            doneToast(body.status);
            void invalidate();
          }
        },
        onError: (error) => {
          setDialogOpen(false);
          if (error instanceof ApiError && error.status === 412) {
            toast('warning', t('contentTrust.toast.stale'), error.detail);
            setChoice(undefined);
            void queryClient.invalidateQueries({ queryKey: contentTrustKeys.status(registry) });
          } else {
            toast(
              'error',
              t('contentTrust.toast.failed', { name }),
              error instanceof ApiError ? (error.detail ?? error.title) : String(error),
            );
          }
        },
      },
    );

  const exportNow = async () => {
    setExportState({ running: true });
    try {
      setExportState({ running: false, file: await downloadTrustExport(api, registry) });
    } catch (error) {
      setExportState({ running: false, error });
    }
  };

  return (
    <div className={styles.stack}>
      <DeprecationNotice deprecation={status.deprecation} />
      <SectionCard title={t('contentTrust.title')}>
        <div className={styles.stack}>
          <TrustExplanation />
          <TrustPolicyForm
            status={status}
            choice={effective}
            onChoice={setChoice}
            onDiscard={() => setChoice(undefined)}
            onSave={() => (effective === 'disabled' ? setDialogOpen(true) : submit({ status: 'enabled' }))}
            busy={update.isPending || running}
          />
          {running && (
            <OperationProgress operation={operation.data} requested={search.requested ?? 'disabled'} />
          )}
          {finished && (
            <OperationResult
              operation={finished}
              requested={search.requested ?? status.trustPolicy.status}
              registryName={name}
              onDismiss={() => void navigate({ search: {}, replace: true })}
            />
          )}
        </div>
      </SectionCard>
      <SectionCard title={t('contentTrust.using.heading')}>
        <UsingContentTrust registry={registry} loginServer={status.loginServer} />
      </SectionCard>
      <SectionCard title={t('contentTrust.changes.heading')}>
        <Text className={styles.description}>{t('contentTrust.changes.description')}</Text>
        <RecentChanges
          allowed={status.capabilities.canReadActivityLog}
          changes={{
            data: changes.data?.value,
            error: changes.error ?? undefined,
            isPending: changes.isPending,
            refetch: () => void changes.refetch(),
          }}
        />
      </SectionCard>
      <DisableTrustDialog
        open={dialogOpen}
        registryName={name}
        impact={{ data: impact.data, error: impact.error ?? undefined, isPending: impact.isPending }}
        exportState={exportState}
        onExport={() => void exportNow()}
        onConfirm={(typed) => submit({ status: 'disabled', confirmRegistryName: typed })}
        onCancel={() => setDialogOpen(false)}
        busy={update.isPending}
      />
      <Dialog open={blocker.status === 'blocked'} modalType="alert">
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('contentTrust.leave.title')}</DialogTitle>
            <DialogContent>{t('contentTrust.leave.body')}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => blocker.reset?.()}>
                {t('contentTrust.leave.stay')}
              </Button>
              <Button onClick={() => blocker.proceed?.()}>{t('contentTrust.leave.leave')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
