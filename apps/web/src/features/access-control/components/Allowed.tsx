import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled, DismissCircleRegular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  yes: { color: tokens.colorPaletteGreenForeground1, fontSize: '16px' },
  no: { color: tokens.colorNeutralForeground3, fontSize: '16px' },
});

/** Allowed / not allowed as an icon and a word (never by colour alone). */
export function Allowed({ allowed, yes, no }: { allowed: boolean; yes: string; no: string }) {
  const styles = useStyles();
  return (
    <span className={styles.root}>
      {allowed ? (
        <CheckmarkCircleFilled className={styles.yes} aria-hidden />
      ) : (
        <DismissCircleRegular className={styles.no} aria-hidden />
      )}
      <Text>{allowed ? yes : no}</Text>
    </span>
  );
}
