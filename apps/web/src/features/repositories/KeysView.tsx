import {
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
import type { RegistryRef } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { repositoryHref } from './links.ts';
import { useRegistryKeys } from './queries.ts';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  list: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Root, repository and signer keys with the repositories they sign (what a lost key takes with it). */
export function KeysView({ registry }: { registry: RegistryRef }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const keys = useRegistryKeys(registry);
  if (keys.isPending) return <Spinner size="small" label={t('common.loading')} />;
  if (keys.isError) return <ProblemMessage error={keys.error} onRetry={() => void keys.refetch()} />;
  const data = keys.data;
  return (
    <SectionCard title={t('repositories.keys.title')}>
      <Text>{t('repositories.keys.description')}</Text>
      {data.keys.length === 0 ? (
        <Text>{t('repositories.keys.none')}</Text>
      ) : (
        <Table aria-label={t('repositories.keys.title')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('repositories.keys.role')}</TableHeaderCell>
              <TableHeaderCell>{t('repositories.keys.id')}</TableHeaderCell>
              <TableHeaderCell>{t('repositories.keys.signers')}</TableHeaderCell>
              <TableHeaderCell>{t('repositories.keys.repositories')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.keys.map((k) => (
              <TableRow key={`${k.role}-${k.id}`}>
                <TableCell>{t(`repositories.keys.roles.${k.role}`)}</TableCell>
                <TableCell>
                  <Text className={styles.mono} title={k.id}>
                    {k.id.slice(0, 12)}…
                  </Text>
                </TableCell>
                <TableCell>{k.signers.join(', ')}</TableCell>
                <TableCell>
                  <span className={styles.list}>
                    {k.repositories.map((r) => (
                      <RouterLink key={r} to={repositoryHref(registry, r)}>
                        {r}
                      </RouterLink>
                    ))}
                  </span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {data.failed.length > 0 && (
        <Text>
          {t('repositories.keys.failed', { list: data.failed.map((f) => f.repository).join(', ') })}
        </Text>
      )}
      {data.unsigned.length > 0 && (
        <Text>{t('repositories.keys.unsigned', { list: data.unsigned.join(', ') })}</Text>
      )}
    </SectionCard>
  );
}
