import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ContentTrustOperation, TrustPolicyStatus } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';

/** A running change: the trust data deleted so far when ARM reports it, else an indeterminate bar. */
export function OperationProgress({
  operation,
  requested,
}: {
  operation: ContentTrustOperation | undefined;
  requested: TrustPolicyStatus;
}) {
  const { t } = useTranslation();
  const done = operation?.progress?.done;
  const total = operation?.progress?.total;
  const known = typeof done === 'number' && typeof total === 'number' && total > 0;
  const label =
    requested === 'enabled'
      ? t('contentTrust.progress.enabling')
      : known
        ? t('contentTrust.progress.deleting', { done, total })
        : t('contentTrust.progress.deletingUnknown');
  return (
    <Field label={t('contentTrust.progress.label')} validationMessage={label} validationState="none">
      <ProgressBar value={known ? done / total : undefined} max={1} aria-valuetext={label} />
    </Field>
  );
}

/** How the last change ended (kept on the page until dismissed; the toast says it once). */
export function OperationResult({
  operation,
  requested,
  registryName,
  onDismiss,
}: {
  operation: ContentTrustOperation;
  requested: TrustPolicyStatus;
  registryName: string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const ok = operation.status === 'Succeeded';
  const deleted = operation.progress?.done;
  return (
    <MessageBar intent={ok ? 'success' : 'error'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {ok
            ? t(requested === 'enabled' ? 'contentTrust.toast.enabled' : 'contentTrust.toast.disabled', {
                name: registryName,
              })
            : t('contentTrust.toast.failed', { name: registryName })}
        </MessageBarTitle>
        {ok && requested === 'disabled' && typeof deleted === 'number'
          ? t('contentTrust.progress.deleted', { count: deleted })
          : (operation.error?.detail ?? '')}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            icon={<DismissRegular />}
            aria-label={t('contentTrust.progress.dismiss')}
            onClick={onDismiss}
          />
        }
      />
    </MessageBar>
  );
}
