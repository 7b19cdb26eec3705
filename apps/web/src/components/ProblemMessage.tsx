import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';

/** An error as a person can act on it: the BFF's title and detail, the request id, and a retry. */
export function ProblemMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : undefined;
  const title =
    api?.status === 403
      ? t('common.notAllowedTitle')
      : api?.status === 404
        ? t('common.notFoundTitle')
        : (api?.title ?? t('common.errorTitle'));
  const detail = api ? (api.detail ?? api.title) : error instanceof Error ? error.message : String(error);
  return (
    <MessageBar intent={api?.status === 403 ? 'warning' : 'error'} layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {detail}
        {api?.instance && (
          <Text block size={200}>
            {t('common.requestId', { id: api.instance.replace(/^urn:request:/, '') })}
          </Text>
        )}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('common.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
