import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))',
    columnGap: tokens.spacingHorizontalXXXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  row: { display: 'grid', gridTemplateColumns: '180px 1fr', alignItems: 'center', minHeight: '28px' },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
});

/** The portal's "Essentials" panel: label/value pairs in two columns (a description list for screen readers). */
export function PropertyList({ items }: { items: Array<{ label: string; value: ReactNode }> }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {items.map((item) => (
        <div key={item.label} className={styles.row}>
          <dt className={styles.term}>
            <Text>{item.label}</Text>
          </dt>
          <dd className={styles.value}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
