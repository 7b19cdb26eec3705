import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled, DismissCircleRegular, LockClosedRegular } from '@fluentui/react-icons';
import type { Registry } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    whiteSpace: 'nowrap',
  },
  enabled: { color: tokens.colorPaletteGreenForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Content trust of a registry, by icon and text (never colour alone). */
export function ContentTrustBadge({ registry }: { registry: Pick<Registry, 'sku' | 'contentTrust'> }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const unavailable = registry.sku !== 'Premium' && registry.contentTrust !== 'enabled';
  const [icon, label] = unavailable
    ? [<LockClosedRegular key="i" className={styles.muted} aria-hidden />, t('registries.trust.unavailable')]
    : registry.contentTrust === 'enabled'
      ? [
          <CheckmarkCircleFilled key="i" className={styles.enabled} aria-hidden />,
          t('registries.trust.enabled'),
        ]
      : [
          <DismissCircleRegular key="i" className={styles.muted} aria-hidden />,
          t('registries.trust.disabled'),
        ];
  return (
    <span className={styles.root}>
      {icon}
      <Text>{label}</Text>
    </span>
  );
}
