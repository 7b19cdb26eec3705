import { Button, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { tagStatuses, type TagRow } from '@ctp/contracts';
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagSortKey } from './tag-filter.ts';
import { useTableHint } from './table-hint.tsx';
import { ROW_HEIGHT, TagTableRow, useRowStyles, type RowContext } from './TagTableRow.tsx';

/** Rows rendered beyond each edge of the view: enough for a brisk scroll, few enough to mount quickly. */
const OVERSCAN = 8;

const useStyles = makeStyles({
  table: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  scroller: { maxHeight: '60vh', overflow: 'auto', position: 'relative' },
  head: {
    backgroundColor: tokens.colorNeutralBackground2,
    fontWeight: tokens.fontWeightSemibold,
    minHeight: `${ROW_HEIGHT}px`,
  },
  // A sort button reads like the other column titles (same size and weight), not like a small button.
  sort: {
    fontSize: 'inherit',
    fontWeight: 'inherit',
    lineHeight: 'inherit',
    paddingLeft: 0,
    paddingRight: 0,
    minWidth: 0,
  },
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

interface HeadProps {
  clientView: boolean;
  sort: TagSortKey;
  descending: boolean;
  onSort: (key: TagSortKey) => void;
}

/** The header row (memoized: scrolling re-renders the table, not its sort buttons). */
const TagTableHead = memo(function TagTableHead({ clientView, sort, descending, onSort }: HeadProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const rowStyles = useRowStyles();
  const sortable = (key: TagSortKey, text: string) => (
    <div
      role="columnheader"
      aria-sort={sort === key ? (descending ? 'descending' : 'ascending') : 'none'}
      className={rowStyles.cell}
    >
      <Button
        className={styles.sort}
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
    <div role="rowgroup">
      <div role="row" aria-rowindex={1} className={mergeClasses(rowStyles.row, styles.head)}>
        {sortable('tag', t('repositories.columns.tag'))}
        <div role="columnheader" className={rowStyles.cell}>
          {t('repositories.columns.digest')}
        </div>
        {sortable('status', t('repositories.columns.status'))}
        <div role="columnheader" className={rowStyles.cell}>
          {t('repositories.columns.signers')}
        </div>
        <div role="columnheader" className={rowStyles.cell}>
          {t(clientView ? 'repositories.columns.pull' : 'repositories.columns.signedDigest')}
        </div>
        {sortable('lastPushed', t('repositories.columns.lastPushed'))}
      </div>
    </div>
  );
});

/**
 * The tag table, virtualized (TanStack Virtual): only the rows in view are in the DOM, so 10 000 scroll
 * smoothly. Scrolling renders the table again but not the rows that stay in view (memoized, with props
 * that do not change on scroll), and the virtualizer's update is not forced synchronously into the
 * scroll handler (`useFlushSync: false`): React renders the rows that came into view right after it.
 */
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
  const rowStyles = useRowStyles();
  const helpIds = useId('status-help');
  const hint = useTableHint();
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders the table itself on scroll
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    useFlushSync: false,
  });
  const language = i18n.language;
  const ctx = useMemo<RowContext>(
    () => ({
      t,
      styles: rowStyles,
      date: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
      pullPrefix,
      clientView,
      helpIds,
      showHint: hint.show,
    }),
    [t, rowStyles, language, pullPrefix, clientView, helpIds, hint.show],
  );
  return (
    <>
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} className={styles.table}>
        <TagTableHead clientView={clientView} sort={sort} descending={descending} onSort={onSort} />
        <div
          ref={scroller}
          role="rowgroup"
          className={styles.scroller}
          style={{ height: Math.min(virtualizer.getTotalSize(), 640) }}
          tabIndex={0}
          aria-label={t('repositories.repository.tagCount', { shown: rows.length, total })}
          {...hint.containerProps}
        >
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => (
              <TagTableRow
                key={rows[item.index]!.tag}
                row={rows[item.index]!}
                index={item.index}
                start={item.start}
                ctx={ctx}
              />
            ))}
          </div>
        </div>
      </div>
      {/* What each status means, once per table: the badges point at these (aria-describedby). */}
      <div hidden>
        {tagStatuses.map((status) => (
          <span key={status} id={`${helpIds}-${status}`}>
            {t(`repositories.statusHelp.${status}`)}
          </span>
        ))}
      </div>
      {hint.element}
    </>
  );
}
