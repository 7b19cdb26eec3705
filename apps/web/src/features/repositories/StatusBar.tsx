import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { tagStatuses, type StatusCounts } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { statusColor, statusMeta } from './status.tsx';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: '180px' },
  bar: {
    display: 'flex',
    height: '10px',
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground4,
    outline: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  numbers: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
  },
  number: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
});

/** A repository's counts as a small stacked bar (for the eye) with the numbers beside each icon (for reading). */
export function StatusBar({ counts, label }: { counts: StatusCounts; label: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const total = tagStatuses.reduce((n, s) => n + counts[s], 0);
  const present = tagStatuses.filter((s) => counts[s] > 0);
  const summary = present.map((s) => `${counts[s]} ${t(`repositories.status.${s}`)}`).join(', ');
  return (
    <div className={styles.wrap}>
      <div
        className={styles.bar}
        role="img"
        aria-label={t('repositories.bar.label', { repository: label, summary: summary || '0' })}
      >
        {present.map((s) => (
          <span key={s} style={{ width: `${(100 * counts[s]) / total}%`, background: statusColor[s] }} />
        ))}
      </div>
      <div className={styles.numbers} aria-hidden>
        {present.map((s) => {
          const Icon = statusMeta[s].icon;
          return (
            <Text key={s} size={200} className={styles.number} title={t(`repositories.status.${s}`)}>
              <Icon aria-hidden /> {counts[s]}
            </Text>
          );
        })}
      </div>
    </div>
  );
}
