import { Field, ProgressBar } from '@fluentui/react-components';
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
