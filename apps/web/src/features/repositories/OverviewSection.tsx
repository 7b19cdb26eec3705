import {
  Spinner,
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
import { DonutChart } from '@fluentui/react-charts';
import { tagStatuses, type RegistryRef } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { SectionCard } from '../../components/SectionCard.tsx';
import { useRegistryScan } from './queries.ts';
import { statusColor, statusMeta } from './status.tsx';
import { sumCounts } from './scan-state.ts';

const useStyles = makeStyles({
  layout: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXL, alignItems: 'center' },
  cell: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

/** Overview section: totals across repositories as a chart, with the same numbers as a table (its text alternative). */
export function RepositoriesOverviewSection({ registry }: { registry: RegistryRef }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const scan = useRegistryScan(registry);
  const state = scan.data;
  const totals = state?.totals ?? (state ? sumCounts(state.repositories) : undefined);
  const tags = totals ? tagStatuses.reduce((n, s) => n + totals[s], 0) : 0;
  return (
    <SectionCard title={t('repositories.overview.title')}>
      {!state?.finished && <Spinner size="tiny" label={t('repositories.overview.scanning')} />}
      {totals && (
        <>
          <Text>
            {t('repositories.overview.totals', { tags, repositories: state?.repositories.length ?? 0 })}
          </Text>
          <div className={styles.layout}>
            {/* The table beside it is the chart's text alternative: the chart itself stays out of the focus order and the accessibility tree. */}
            <div aria-hidden inert>
              <DonutChart
                data={{
                  chartTitle: t('repositories.overview.chartLabel'),
                  chartData: tagStatuses
                    .filter((s) => totals[s] > 0)
                    .map((s) => ({
                      legend: t(`repositories.status.${s}`),
                      data: totals[s],
                      color: statusColor[s],
                    })),
                }}
                innerRadius={45}
                width={220}
                height={220}
                hideLegend
                valueInsideDonut={tags}
              />
            </div>
            <Table
              aria-label={t('repositories.overview.tableCaption')}
              size="small"
              style={{ maxWidth: 440 }}
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('repositories.columns.status')}</TableHeaderCell>
                  <TableHeaderCell>{t('repositories.overview.count')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {tagStatuses.map((s) => {
                  const Icon = statusMeta[s].icon;
                  return (
                    <TableRow key={s}>
                      <TableCell>
                        <span className={styles.cell}>
                          <Icon aria-hidden />
                          <span
                            style={{
                              width: 10,
                              height: 10,
                              background: statusColor[s],
                              display: 'inline-block',
                            }}
                            aria-hidden
                          />
                          {t(`repositories.status.${s}`)}
                        </span>
                      </TableCell>
                      <TableCell>{totals[s]}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </SectionCard>
  );
}
