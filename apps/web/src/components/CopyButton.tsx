import { Button, Tooltip } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useCopyToClipboard } from './useCopyToClipboard.ts';

/** Copies a value to the clipboard; its accessible name says what it copies. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const { copied, copy } = useCopyToClipboard(value);
  const name = t('common.copyValue', { label });
  return (
    <Tooltip content={copied ? t('common.copied') : name} relationship="description">
      <Button
        appearance="subtle"
        size="small"
        aria-label={name}
        icon={copied ? <CheckmarkRegular /> : <CopyRegular />}
        onClick={() => copy()}
      />
    </Tooltip>
  );
}
