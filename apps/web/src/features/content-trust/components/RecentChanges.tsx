import {
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { CheckmarkCircleRegular, DismissCircleRegular, ClockRegular } from '@fluentui/react-icons';
import type { ContentTrustChange } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../../components/ProblemMessage.tsx';
import { formatTime } from '../format.ts';

export interface RecentChangesProps {
  allowed: boolean;
  changes: { data?: ContentTrustChange[]; error?: unknown; isPending: boolean; refetch: () => void };
}

const resultIcon = {
  Succeeded: <CheckmarkCircleRegular aria-hidden />,
  Failed: <DismissCircleRegular aria-hidden />,
  Accepted: <ClockRegular aria-hidden />,
  InProgress: <ClockRegular aria-hidden />,
} as const;

/** Who enabled or disabled content trust, and when (the activity log), newest first. */
export function RecentChanges({ allowed, changes }: RecentChangesProps) {
  const { t, i18n } = useTranslation();
  if (!allowed) return <Text>{t('contentTrust.changes.noPermission')}</Text>;
  if (changes.isPending) return <Spinner size="tiny" label={t('common.loading')} />;
  if (changes.error) return <ProblemMessage error={changes.error} onRetry={changes.refetch} />;
  const rows = changes.data ?? [];
  if (rows.length === 0) return <Text>{t('contentTrust.changes.empty')}</Text>;
  return (
    <Table aria-label={t('contentTrust.changes.heading')} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('contentTrust.changes.columns.when')}</TableHeaderCell>
          <TableHeaderCell>{t('contentTrust.changes.columns.who')}</TableHeaderCell>
          <TableHeaderCell>{t('contentTrust.changes.columns.change')}</TableHeaderCell>
          <TableHeaderCell>{t('contentTrust.changes.columns.result')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((c, i) => (
          <TableRow key={`${c.correlationId}-${i}`}>
            <TableCell>{formatTime(c.at, i18n.language)}</TableCell>
            <TableCell>{c.caller}</TableCell>
            <TableCell>{t(`contentTrust.changes.${c.change}`)}</TableCell>
            <TableCell>
              {resultIcon[c.result]} {t(`contentTrust.changes.result.${c.result}`)}
              {c.error ? ` — ${c.error.code}` : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
