import { Button, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useHealth } from '../api/health.ts';
import { SectionCard } from '../components/SectionCard.tsx';

export function HealthCard() {
  const { t } = useTranslation();
  const health = useHealth();
  return (
    <SectionCard title={t('health.title')}>
      {health.isPending && <Spinner size="tiny" label={t('health.checking')} />}
      {health.isError && (
        <MessageBar intent="error">
          <MessageBarBody>{t('health.unreachable', { message: health.error.message })}</MessageBarBody>
        </MessageBar>
      )}
      {health.data && (
        <div role="status">
          <MessageBar intent={health.data.status === 'ok' ? 'success' : 'warning'}>
            <MessageBarBody>
              {health.data.status === 'ok' ? t('health.ok') : t('health.degraded')}
            </MessageBarBody>
          </MessageBar>
          <Text size={200}>{t('health.version', { version: health.data.version })}</Text>
        </div>
      )}
      <div>
        <Button onClick={() => void health.refetch()} disabled={health.isFetching}>
          {t('health.retry')}
        </Button>
      </div>
    </SectionCard>
  );
}
