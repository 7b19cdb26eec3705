import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalXL}`,
    maxWidth: '640px',
    margin: '0 auto',
  },
  icon: { fontSize: '48px', color: tokens.colorNeutralForeground3 },
});

/** What an empty page says: why it is empty and what to do about it. */
export function EmptyState({
  icon,
  title,
  children,
  actions,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="status">
      {icon && (
        <span className={styles.icon} aria-hidden>
          {icon}
        </span>
      )}
      <Text as="h2" size={500} weight="semibold">
        {title}
      </Text>
      {children && <Text as="p">{children}</Text>}
      {actions}
    </div>
  );
}
