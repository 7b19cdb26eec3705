import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TagRow } from '@ctp/contracts';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton.tsx';
import { StatusBadge } from './status.tsx';
import { shortDigest, type TagSortKey } from './tag-filter.ts';

const ROW_HEIGHT = 44;
const columns =
  'minmax(120px,1.2fr) minmax(150px,1fr) minmax(200px,1.3fr) minmax(110px,1fr) minmax(150px,1fr) minmax(140px,1fr)';

const useStyles = makeStyles({
  table: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  scroller: { maxHeight: '60vh', overflow: 'auto', position: 'relative' },
  row: {
    display: 'grid',
    gridTemplateColumns: columns,
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    boxSizing: 'border-box',
  },
  head: {
    backgroundColor: tokens.colorNeutralBackground2,
    fontWeight: tokens.fontWeightSemibold,
    minHeight: `${ROW_HEIGHT}px`,
  },
  body: { position: 'absolute', left: 0, right: 0, top: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  cell: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    minWidth: 0,
    overflow: 'hidden',
  },
  changed: { color: tokens.colorPaletteMarigoldForeground2 },
});

export interface TagTableProps {
  rows: TagRow[];
  total: number;
  pullPrefix: string;
  clientView: boolean;
  sort: TagSortKey;
  descending: boolean;
  onSort: (key: TagSortKey) => void;
  label: string;
}

/** The tag table, virtualized (TanStack Virtual): only the rows in view are in the DOM, so 10 000 scroll smoothly. */
export function TagTable({
  rows,
  total,
  pullPrefix,
  clientView,
  sort,
  descending,
  onSort,
  label,
}: TagTableProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders the table itself on scroll
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const sortable = (key: TagSortKey, text: string) => (
    <div
      role="columnheader"
      aria-sort={sort === key ? (descending ? 'descending' : 'ascending') : 'none'}
      className={styles.cell}
    >
      <Button
        appearance="transparent"
        size="small"
        icon={sort === key ? descending ? <ArrowSortDownRegular /> : <ArrowSortUpRegular /> : undefined}
        iconPosition="after"
        onClick={() => onSort(key)}
      >
        {text}
      </Button>
    </div>
  );
  return (
    <div role="table" aria-label={label} aria-rowcount={rows.length + 1} className={styles.table}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={mergeClasses(styles.row, styles.head)}>
          {sortable('tag', t('repositories.columns.tag'))}
          <div role="columnheader" className={styles.cell}>
            {t('repositories.columns.digest')}
          </div>
          {sortable('status', t('repositories.columns.status'))}
          <div role="columnheader" className={styles.cell}>
            {t('repositories.columns.signers')}
          </div>
          <div role="columnheader" className={styles.cell}>
            {t(clientView ? 'repositories.columns.pull' : 'repositories.columns.signedDigest')}
          </div>
          {sortable('lastPushed', t('repositories.columns.lastPushed'))}
        </div>
      </div>
      <div
        ref={scroller}
        role="rowgroup"
        className={styles.scroller}
        style={{ height: Math.min(virtualizer.getTotalSize(), 640) }}
        tabIndex={0}
        aria-label={t('repositories.repository.tagCount', { shown: rows.length, total })}
      >
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const pinned = row.pull.kind === 'signed' ? row.pull.digest : undefined;
            const shownDigest = clientView ? pinned : row.digest;
            return (
              <div
                key={row.tag}
                role="row"
                aria-rowindex={item.index + 2}
                className={mergeClasses(styles.row, styles.body)}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <div role="cell" className={styles.cell}>
                  <Text truncate wrap={false} title={row.tag}>
                    {row.tag}
                  </Text>
                  {pinned && (
                    <CopyButton
                      value={`docker pull ${pullPrefix}@${pinned}`}
                      label={t('repositories.repository.copyPull', { tag: row.tag })}
                    />
                  )}
                </div>
                <div role="cell" className={styles.cell}>
                  {shownDigest && (
                    <>
                      <Text className={styles.mono} title={shownDigest}>
                        {shortDigest(shownDigest)}
                      </Text>
                      <CopyButton
                        value={shownDigest}
                        label={t('repositories.repository.copyDigest', { tag: row.tag })}
                      />
                    </>
                  )}
                </div>
                <div role="cell" className={styles.cell}>
                  <StatusBadge status={row.status} />
                </div>
                <div role="cell" className={styles.cell}>
                  <Text truncate wrap={false} title={row.signers.join(', ')}>
                    {row.signers.join(', ')}
                  </Text>
                </div>
                <div role="cell" className={styles.cell}>
                  {clientView && row.pull.kind === 'signed' ? (
                    <Text truncate wrap={false}>
                      {row.pull.role}
                    </Text>
                  ) : row.signedDigest && row.signedDigest !== row.digest ? (
                    <Text className={mergeClasses(styles.mono, styles.changed)} title={row.signedDigest}>
                      {shortDigest(row.signedDigest)}
                    </Text>
                  ) : null}
                </div>
                <div role="cell" className={styles.cell}>
                  <Text size={200}>{row.lastPushed ? date.format(new Date(row.lastPushed)) : '—'}</Text>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
