import { Badge, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import {
  ShieldCheckmarkFilled,
  ShieldDismissFilled,
  ShieldErrorFilled,
  ShieldQuestionRegular,
  ShieldRegular,
  TagDismissRegular,
} from '@fluentui/react-icons';
import type { TagStatus } from '@ctp/contracts';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';

/** Each status's icon and colour (never colour alone: the badge always carries the icon and the text). */
export const statusMeta: Record<
  TagStatus,
  {
    icon: ComponentType<{ 'aria-hidden'?: boolean }>;
    color: 'success' | 'warning' | 'informative' | 'severe' | 'danger' | 'subtle';
    fill: string;
  }
> = {
  signed: { icon: ShieldCheckmarkFilled, color: 'success', fill: tokens.colorPaletteGreenBackground3 },
  'signed-digest-mismatch': {
    icon: ShieldErrorFilled,
    color: 'warning',
    fill: tokens.colorPaletteMarigoldBackground3,
  },
  unsigned: { icon: ShieldRegular, color: 'informative', fill: tokens.colorNeutralBackground5 },
  'signed-tag-missing': {
    icon: TagDismissRegular,
    color: 'severe',
    fill: tokens.colorPaletteDarkOrangeBackground3,
  },
  invalid: { icon: ShieldDismissFilled, color: 'danger', fill: tokens.colorPaletteRedBackground3 },
  unknown: { icon: ShieldQuestionRegular, color: 'subtle', fill: tokens.colorPaletteLavenderBackground2 },
};

/** Status colours as hex for bars and charts (SVG attributes do not resolve the theme's CSS variables). */
export const statusColor: Record<TagStatus, string> = {
  signed: '#107C10',
  'signed-digest-mismatch': '#C19C00',
  unsigned: '#8A8886',
  'signed-tag-missing': '#DA3B01',
  invalid: '#D13438',
  unknown: '#8764B8',
};

const useStyles = makeStyles({ badge: { whiteSpace: 'nowrap' } });

/** A status badge's look (icon, colour, focusable for its hint); the caller adds its text and hint. */
export function statusBadgeProps(status: TagStatus, className: string) {
  const { icon: Icon, color } = statusMeta[status];
  return { className, appearance: 'tint', color, icon: <Icon aria-hidden />, tabIndex: 0 } as const;
}

export function StatusBadge({ status }: { status: TagStatus }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Tooltip content={t(`repositories.statusHelp.${status}`)} relationship="description">
      <Badge {...statusBadgeProps(status, styles.badge)}>{t(`repositories.status.${status}`)}</Badge>
    </Tooltip>
  );
}
