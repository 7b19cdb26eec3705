import {
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { RegistryRef, RoleDetails } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { useTrustDetails } from './queries.ts';

const DAY = 24 * 60 * 60 * 1000;
const WARN_DAYS = 30;

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  warnings: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // The table lays its columns out evenly; key IDs and certificate names need more than a share.
  keysColumn: { width: '30%' },
  certificate: { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/** Roles expiring within 30 days (now given, so the rule is testable). */
export function expiringSoon(roles: readonly RoleDetails[], now = Date.now()): RoleDetails[] {
  return roles.filter((r) => r.expires && Date.parse(r.expires) - now < WARN_DAYS * DAY);
}

/** Every role of the repository's trust data, with expiry warnings (and who renews what). */
export function TrustDetailsPanel({ registry, repository }: { registry: RegistryRef; repository: string }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const details = useTrustDetails(registry, repository);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <SectionCard title={t('repositories.details.title')}>
      {details.isPending && <Spinner size="small" label={t('common.loading')} />}
      {details.isError && <ProblemMessage error={details.error} onRetry={() => void details.refetch()} />}
      {details.data && details.data.roles.length === 0 && (
        <Text>
          {details.data.trust === 'no-trust-data'
            ? t('repositories.details.noTrust')
            : t(
                details.data.reason
                  ? 'repositories.repository.trustFailedBecause'
                  : 'repositories.repository.trustFailed',
                { state: t(`repositories.trust.${details.data.trust}`), reason: details.data.reason },
              )}
        </Text>
      )}
      {details.data && details.data.roles.length > 0 && (
        <>
          <div className={styles.warnings}>
            {expiringSoon(details.data.roles).map((r) => (
              <MessageBar key={r.name} intent={r.renewedByServer ? 'info' : 'warning'} layout="multiline">
                <MessageBarBody>
                  {r.renewedByServer
                    ? `${t('repositories.details.expiresSoon', { role: r.name, date: date.format(new Date(r.expires!)) })} ${t('repositories.details.renewedByServer', { role: r.name })}`
                    : t('repositories.details.expiresSoonOwner', {
                        role: r.name,
                        date: date.format(new Date(r.expires!)),
                      })}
                </MessageBarBody>
              </MessageBar>
            ))}
          </div>
          <Table aria-label={t('repositories.details.title')} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('repositories.details.role')}</TableHeaderCell>
                <TableHeaderCell className={styles.keysColumn}>
                  {t('repositories.details.keys')}
                </TableHeaderCell>
                <TableHeaderCell>{t('repositories.details.threshold')}</TableHeaderCell>
                <TableHeaderCell>{t('repositories.details.version')}</TableHeaderCell>
                <TableHeaderCell>{t('repositories.details.expires')}</TableHeaderCell>
                <TableHeaderCell>{t('repositories.details.keyHolder')}</TableHeaderCell>
                <TableHeaderCell>{t('repositories.details.paths')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {details.data.roles.map((r) => (
                <TableRow key={r.name}>
                  <TableCell>
                    <Text weight="semibold">{r.name}</Text>
                    {r.failure && (
                      <Text block size={200}>
                        {t('repositories.details.invalidRole', { failure: r.failure })}
                      </Text>
                    )}
                  </TableCell>
                  <TableCell>
                    {r.keys.map((k) => (
                      <div key={k.id}>
                        <Text block className={styles.mono} title={k.id}>
                          {k.id.slice(0, 12)}…
                        </Text>
                        {k.certificate && (
                          <Text size={200} className={styles.certificate} title={k.certificate.commonName}>
                            {k.certificate.commonName}
                          </Text>
                        )}
                      </div>
                    ))}
                  </TableCell>
                  <TableCell>{r.threshold}</TableCell>
                  <TableCell>{r.version ?? '—'}</TableCell>
                  <TableCell>{r.expires ? date.format(new Date(r.expires)) : '—'}</TableCell>
                  <TableCell>{t(`repositories.details.holder.${r.keyHolder}`)}</TableCell>
                  <TableCell>
                    {r.paths
                      ? r.paths.map((p) => (p === '' ? t('repositories.details.allPaths') : p)).join(', ')
                      : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </SectionCard>
  );
}
