import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import type { RepositorySummary } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink.tsx';
import { StatusBar } from './StatusBar.tsx';

const useStyles = makeStyles({
  reason: { color: tokens.colorPaletteRedForeground1, wordBreak: 'break-word' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

export interface RepositoriesTableProps {
  repositories: RepositorySummary[];
  hrefOf: (repository: string) => string;
  onRetry: (repository: string) => void;
  retrying?: string;
}

/** Each repository with its counts (bar and numbers), trust state, and — when it failed — why, with a retry. */
export function RepositoriesTable({ repositories, hrefOf, onRetry, retrying }: RepositoriesTableProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Table aria-label={t('repositories.scan.title')} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('repositories.columns.repository')}</TableHeaderCell>
          <TableHeaderCell>{t('repositories.columns.breakdown')}</TableHeaderCell>
          <TableHeaderCell>{t('repositories.columns.tags')}</TableHeaderCell>
          <TableHeaderCell>{t('repositories.columns.trust')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {repositories.map((r) => (
          <TableRow key={r.repository}>
            <TableCell>
              <RouterLink to={hrefOf(r.repository)}>{r.repository}</RouterLink>
            </TableCell>
            <TableCell>
              <StatusBar counts={r.counts} label={r.repository} />
            </TableCell>
            <TableCell>{r.tags}</TableCell>
            <TableCell>
              <Text>{t(`repositories.trust.${r.trust}`)}</Text>
              {(r.trust === 'unknown' || r.trust === 'invalid') && (
                <>
                  {r.reason && (
                    <Text block size={200} className={styles.reason}>
                      {r.reason}
                    </Text>
                  )}
                  <Button
                    size="small"
                    icon={<ArrowClockwiseRegular />}
                    disabled={retrying === r.repository}
                    onClick={() => onRetry(r.repository)}
                  >
                    {t('repositories.scan.retry', { repository: r.repository })}
                  </Button>
                </>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
