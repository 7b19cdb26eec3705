import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
} from '@fluentui/react-components';
import { BoxMultipleRegular } from '@fluentui/react-icons';
import { parseRegistryResourceId, type Registry, type Subscription } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../../components/RouterLink.tsx';
import { ContentTrustBadge } from './ContentTrustBadge.tsx';
import { registryBladeHref } from './registry-links.ts';

const useStyles = makeStyles({
  name: { display: 'inline-flex', alignItems: 'center', gap: '6px' },
});

/** The "Container registries" table; each name opens the registry blade. */
export function RegistryTable({
  registries,
  subscriptions,
}: {
  registries: Registry[];
  subscriptions: Subscription[];
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const subscriptionName = (id: string) =>
    subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase())?.displayName ?? id;
  return (
    <Table aria-label={t('registries.listTitle')} size="medium">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('registries.columns.name')}</TableHeaderCell>
          <TableHeaderCell>{t('registries.columns.resourceGroup')}</TableHeaderCell>
          <TableHeaderCell>{t('registries.columns.location')}</TableHeaderCell>
          <TableHeaderCell>{t('registries.columns.sku')}</TableHeaderCell>
          <TableHeaderCell>{t('registries.columns.contentTrust')}</TableHeaderCell>
          <TableHeaderCell>{t('registries.columns.subscription')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {registries.map((r) => {
          const ref = parseRegistryResourceId(r.id);
          return (
            <TableRow key={r.id}>
              <TableCell>
                <span className={styles.name}>
                  <BoxMultipleRegular aria-hidden />
                  {ref ? <RouterLink to={registryBladeHref(ref)}>{r.name}</RouterLink> : r.name}
                </span>
              </TableCell>
              <TableCell>{r.resourceGroup}</TableCell>
              <TableCell>{r.location}</TableCell>
              <TableCell>{r.sku}</TableCell>
              <TableCell>
                <ContentTrustBadge registry={r} />
              </TableCell>
              <TableCell>{subscriptionName(r.subscriptionId)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
