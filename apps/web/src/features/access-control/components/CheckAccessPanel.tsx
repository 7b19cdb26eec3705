import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { CheckAccess, Principal, RegistryAccess } from '@ctp/contracts';
import { useEffect, useState } from 'react';
import { useAccessControlT } from '../i18n.ts';
import { useDebounced } from '../use-debounced.ts';
import { Allowed } from './Allowed.tsx';
import { PrincipalLabel } from './PrincipalLabel.tsx';
import { ScopeLabel } from './ScopeLabel.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '960px' },
  results: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  result: {
    justifyContent: 'flex-start',
    width: '100%',
    textAlign: 'start',
    padding: tokens.spacingVerticalXS,
  },
  capabilities: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  capability: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    justifyContent: 'space-between',
    maxWidth: '520px',
  },
  heading: { fontSize: tokens.fontSizeBase400, margin: 0 },
});

export interface AsyncState<T> {
  data?: T;
  loading: boolean;
  error?: string;
}

export interface CheckAccessPanelProps {
  /** Called (debounced) with what the person typed; the page runs the Graph search. */
  onSearch: (text: string) => void;
  results: AsyncState<Principal[]>;
  selected?: Principal;
  onSelect: (principal: Principal) => void;
  access: AsyncState<CheckAccess>;
}

const CAPABILITIES: Array<keyof RegistryAccess> = [
  'canPull',
  'canPush',
  'canSign',
  'canChangeTrustPolicy',
  'canAssignRoles',
];

/** Check access: pick a principal, see every role it holds here and what that allows on the registry. */
export function CheckAccessPanel({ onSearch, results, selected, onSelect, access }: CheckAccessPanelProps) {
  const styles = useStyles();
  const t = useAccessControlT();
  const [text, setText] = useState('');
  const settled = useDebounced(text);
  useEffect(() => onSearch(settled), [settled, onSearch]);

  return (
    <div className={styles.root}>
      <Text as="p">{t('check.intro')}</Text>
      <Field label={t('check.search')}>
        <SearchBox placeholder={t('check.placeholder')} value={text} onChange={(_, d) => setText(d.value)} />
      </Field>
      {results.loading ? <Spinner size="tiny" label={t('wizard.picker.searching')} /> : null}
      {results.error ? (
        <MessageBar intent="error">
          <MessageBarBody>{t('wizard.picker.failed', { message: results.error })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {results.data && results.data.length === 0 ? <Text>{t('wizard.picker.noResults')}</Text> : null}
      {results.data && results.data.length > 0 ? (
        <ul className={styles.results} aria-label={t('wizard.picker.results')}>
          {results.data.map((p) => (
            <li key={p.id}>
              <Button
                className={styles.result}
                appearance={selected?.id === p.id ? 'secondary' : 'subtle'}
                aria-pressed={selected?.id === p.id}
                onClick={() => onSelect(p)}
              >
                <PrincipalLabel principal={p} />
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {selected ? <CheckAccessResult access={access} /> : null}
    </div>
  );
}

function CheckAccessResult({ access }: { access: AsyncState<CheckAccess> }) {
  const styles = useStyles();
  const t = useAccessControlT();
  if (access.loading) return <Spinner label={t('check.loading')} />;
  if (access.error)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t('check.failed', { message: access.error })}</MessageBarBody>
      </MessageBar>
    );
  const data = access.data;
  if (!data) return null;
  return (
    <section aria-label={principalNameOf(data.principal)} className={styles.root}>
      <PrincipalLabel principal={data.principal} />
      {data.principal.classicAdministrator ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('check.classicAdministrator')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <h3 className={styles.heading}>{t('check.accessTitle')}</h3>
      <ul className={styles.capabilities}>
        {CAPABILITIES.map((c) => (
          <li key={c} className={styles.capability}>
            <Text>{t(`check.capability.${c}`)}</Text>
            <Allowed allowed={data.access[c]} yes={t('check.yes')} no={t('check.no')} />
          </li>
        ))}
      </ul>
      {data.signingBlockedReason ? <Caption1>{data.signingBlockedReason}</Caption1> : null}
      <h3 className={styles.heading}>{t('check.rolesTitle', { count: data.assignments.length })}</h3>
      {data.assignments.length === 0 ? (
        <Text>{t('check.noRoles')}</Text>
      ) : (
        <Table size="small" aria-label={t('check.rolesTitle', { count: data.assignments.length })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('list.columns.role')}</TableHeaderCell>
              <TableHeaderCell>{t('list.columns.scope')}</TableHeaderCell>
              <TableHeaderCell>{t('signers.columns.through')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.assignments.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{a.roleName}</TableCell>
                <TableCell>
                  <ScopeLabel assignment={a} />
                </TableCell>
                <TableCell>
                  {a.viaGroup
                    ? t('check.viaGroup', { name: a.viaGroup.displayName ?? a.viaGroup.id })
                    : t('check.direct')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function principalNameOf(p: Principal): string {
  return p.displayName ?? p.id;
}
