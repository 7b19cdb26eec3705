import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import type { TagRow } from '@ctp/contracts';
import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useCopyToClipboard } from '../../components/useCopyToClipboard.ts';
import { statusBadgeProps } from './status.tsx';
import { shortDigest } from './tag-filter.ts';

export const ROW_HEIGHT = 44;
export const columns =
  'minmax(120px,1.2fr) minmax(150px,1fr) minmax(200px,1.3fr) minmax(110px,1fr) minmax(150px,1fr) minmax(140px,1fr)';

export const useRowStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: columns,
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    boxSizing: 'border-box',
  },
  body: { position: 'absolute', left: 0, right: 0, top: 0, height: `${ROW_HEIGHT}px` },
  cell: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    minWidth: 0,
    overflow: 'hidden',
  },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  small: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  changed: { color: tokens.colorPaletteMarigoldForeground2 },
  badge: {
    whiteSpace: 'nowrap',
    flexShrink: 0,
    // Drawn inside the badge: the cell clips what overflows it (long names are truncated).
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  // A native button in the look of Fluent's small subtle icon Button (cheaper to mount per row).
  copy: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    flexShrink: 0,
    width: '24px',
    height: '24px',
    padding: 0,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorSubtleBackground,
    color: tokens.colorNeutralForeground2,
    fontSize: '16px',
    cursor: 'pointer',
    ':hover': {
      backgroundColor: tokens.colorSubtleBackgroundHover,
      color: tokens.colorNeutralForeground2BrandHover,
    },
    ':active': {
      backgroundColor: tokens.colorSubtleBackgroundPressed,
      color: tokens.colorNeutralForeground2BrandPressed,
    },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '0',
    },
    '@media (forced-colors: active)': { ':focus-visible': { outlineColor: 'Highlight' } },
  },
});

type RowStyles = ReturnType<typeof useRowStyles>;

/** What every row shares; stable across scrolling so a row that stays in view is not rendered again. */
export interface RowContext {
  t: TFunction;
  styles: RowStyles;
  date: Intl.DateTimeFormat;
  pullPrefix: string;
  clientView: boolean;
  /** The id prefix of the table's hidden status explanations (`${helpIds}-${status}`). */
  helpIds: string;
  /** Shows a transient hint ("Copied") at a control. */
  showHint: (target: HTMLElement, text: string) => void;
}

/** Copies `value`; named by `name`, which its hint shows too; after a click the hint says "Copied". */
function RowCopyButton({ value, name, ctx }: { value: string; name: string; ctx: RowContext }) {
  const { copied, copy } = useCopyToClipboard(value);
  return (
    <button
      type="button"
      className={ctx.styles.copy}
      aria-label={name}
      data-hint={copied ? ctx.t('common.copied') : name}
      onClick={(event) => {
        const button = event.currentTarget;
        copy(() => ctx.showHint(button, ctx.t('common.copied')));
      }}
    >
      {copied ? <CheckmarkRegular aria-hidden /> : <CopyRegular aria-hidden />}
    </button>
  );
}

export interface TagTableRowProps {
  row: TagRow;
  index: number;
  start: number;
  ctx: RowContext;
}

/**
 * One row of the tag table, memoized: its props (the row, its index and offset, the shared context)
 * do not change while the table scrolls, so only rows coming into view are rendered. Cells are plain
 * elements; the status badge and the copy buttons keep their names, descriptions and keyboard use, and
 * their tooltips come from the table's one shared hint (table-hint.tsx).
 */
export const TagTableRow = memo(function TagTableRow({ row, index, start, ctx }: TagTableRowProps) {
  const { t, styles, clientView } = ctx;
  const pinned = row.pull.kind === 'signed' ? row.pull.digest : undefined;
  const shownDigest = clientView ? pinned : row.digest;
  const copy = (value: string, label: string) => (
    <RowCopyButton value={value} name={t('common.copyValue', { label })} ctx={ctx} />
  );
  const signers = row.signers.join(', ');
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={mergeClasses(styles.row, styles.body)}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="cell" className={styles.cell}>
        <span className={styles.text} title={row.tag}>
          {row.tag}
        </span>
        {pinned &&
          copy(
            `docker pull ${ctx.pullPrefix}@${pinned}`,
            t('repositories.repository.copyPull', { tag: row.tag }),
          )}
      </div>
      <div role="cell" className={styles.cell}>
        {shownDigest && (
          <>
            <span className={mergeClasses(styles.text, styles.mono)} title={shownDigest}>
              {shortDigest(shownDigest)}
            </span>
            {copy(shownDigest, t('repositories.repository.copyDigest', { tag: row.tag }))}
          </>
        )}
      </div>
      <div role="cell" className={styles.cell}>
        <Badge
          {...statusBadgeProps(row.status, styles.badge)}
          aria-describedby={`${ctx.helpIds}-${row.status}`}
          data-hint={t(`repositories.statusHelp.${row.status}`)}
        >
          {t(`repositories.status.${row.status}`)}
        </Badge>
      </div>
      <div role="cell" className={styles.cell}>
        <span className={styles.text} title={signers}>
          {signers}
        </span>
      </div>
      <div role="cell" className={styles.cell}>
        {clientView && row.pull.kind === 'signed' ? (
          <span className={styles.text}>{row.pull.role}</span>
        ) : row.signedDigest && row.signedDigest !== row.digest ? (
          <span className={mergeClasses(styles.text, styles.mono, styles.changed)} title={row.signedDigest}>
            {shortDigest(row.signedDigest)}
          </span>
        ) : null}
      </div>
      <div role="cell" className={styles.cell}>
        <span className={styles.small}>
          {row.lastPushed ? ctx.date.format(new Date(row.lastPushed)) : '—'}
        </span>
      </div>
    </div>
  );
});
