import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Signer } from '@ctp/contracts';
import { useAccessControlT } from '../i18n.ts';
import { Allowed } from './Allowed.tsx';
import { PrincipalLabel } from './PrincipalLabel.tsx';
import { useScopeText } from './ScopeLabel.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  blocked: { color: tokens.colorPaletteRedForeground1 },
});

/** Who can push trust data here right now, and which assignments give it (none of the peers shows this). */
export function SignersPanel({ signers }: { signers: Signer[] }) {
  const styles = useStyles();
  const t = useAccessControlT();
  const scopeText = useScopeText();
  return (
    <div className={styles.root}>
      <Text as="p">{t('signers.intro')}</Text>
      {signers.length === 0 ? (
        <Text as="p">{t('signers.empty')}</Text>
      ) : (
        <Table size="small" aria-label={t('tabs.signers')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('signers.columns.identity')}</TableHeaderCell>
              <TableHeaderCell>{t('signers.columns.through')}</TableHeaderCell>
              <TableHeaderCell>{t('signers.columns.push')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {signers.map((s) => (
              <TableRow key={s.principal.id}>
                <TableCell>
                  <PrincipalLabel principal={s.principal} />
                  {s.blockedReason ? (
                    <Text as="p" className={styles.blocked}>
                      {t('signers.blocked', { reason: s.blockedReason })}
                    </Text>
                  ) : null}
                </TableCell>
                <TableCell>
                  {s.assignments.map((a) => (
                    <Text as="p" key={a.id}>
                      {a.roleName} · {scopeText(a)}
                    </Text>
                  ))}
                </TableCell>
                <TableCell>
                  <Allowed allowed={s.canPush} yes={t('signers.canPush')} no={t('signers.cannotPush')} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
