import { Button, Tooltip } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies a value to the clipboard; its accessible name says what it copies. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const name = t('common.copyValue', { label });
  return (
    <Tooltip content={copied ? t('common.copied') : name} relationship="description">
      <Button
        appearance="subtle"
        size="small"
        aria-label={name}
        icon={copied ? <CheckmarkRegular /> : <CopyRegular />}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
      />
    </Tooltip>
  );
}
