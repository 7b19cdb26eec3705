import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  SearchBox,
  Spinner,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { RoleDefinition } from '@ctp/contracts';
import { useState } from 'react';
import type { AsyncState } from '../components/CheckAccessPanel.tsx';
import { useAccessControlT } from '../i18n.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  search: { maxWidth: '420px' },
  description: { color: tokens.colorNeutralForeground2 },
  nameCell: { minWidth: '240px' },
  name: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface RoleTabProps {
  roles: AsyncState<RoleDefinition[]>;
  selected?: RoleDefinition;
  onSelect: (role: RoleDefinition) => void;
  onView: (role: RoleDefinition) => void;
}

function matches(role: RoleDefinition, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return (
    !needle ||
    role.roleName.toLowerCase().includes(needle) ||
    role.description.toLowerCase().includes(needle) ||
    role.name.includes(needle)
  );
}

/** The wizard's Role tab: job-function and privileged roles in two lists, search, a details view. */
export function RoleTab({ roles, selected, onSelect, onView }: RoleTabProps) {
  const styles = useStyles();
  const t = useAccessControlT();
  const [list, setList] = useState<'jobFunction' | 'privileged'>(selected?.category ?? 'jobFunction');
  const [search, setSearch] = useState('');
  if (roles.loading) return <Spinner label={t('wizard.role.loading')} />;
  if (roles.error)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t('wizard.role.failed', { message: roles.error })}</MessageBarBody>
      </MessageBar>
    );
  const all = roles.data ?? [];
  const shown = all.filter((r) => r.category === list && matches(r, search));
  const count = (c: 'jobFunction' | 'privileged') => all.filter((r) => r.category === c).length;
  return (
    <div className={styles.root}>
      <Text as="p">{t('wizard.role.intro')}</Text>
      <TabList
        selectedValue={list}
        onTabSelect={(_, d) => setList(d.value as 'jobFunction' | 'privileged')}
        aria-label={t('wizard.tabs.role')}
      >
        <Tab value="jobFunction">{`${t('wizard.role.jobFunction')} (${count('jobFunction')})`}</Tab>
        <Tab value="privileged">{`${t('wizard.role.privileged')} (${count('privileged')})`}</Tab>
      </TabList>
      {list === 'privileged' ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('wizard.role.privilegedHint')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <SearchBox
        className={styles.search}
        aria-label={t('wizard.role.search')}
        placeholder={t('wizard.role.search')}
        value={search}
        onChange={(_, d) => setSearch(d.value)}
      />
      {selected ? <Text role="status">{t('wizard.role.selected', { role: selected.roleName })}</Text> : null}
      {shown.length === 0 ? (
        <Text>{t('wizard.role.noMatch')}</Text>
      ) : (
        <RadioGroup
          aria-label={list === 'jobFunction' ? t('wizard.role.jobFunction') : t('wizard.role.privileged')}
          value={selected?.name ?? ''}
          onChange={(_, d) => {
            const role = all.find((r) => r.name === d.value);
            if (role) onSelect(role);
          }}
        >
          <Table size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.nameCell}>{t('wizard.role.columns.name')}</TableHeaderCell>
                <TableHeaderCell>{t('wizard.role.columns.description')}</TableHeaderCell>
                <TableHeaderCell>{t('wizard.role.columns.type')}</TableHeaderCell>
                <TableHeaderCell>{t('wizard.role.columns.details')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((role) => (
                <TableRow key={role.name}>
                  <TableCell className={styles.nameCell}>
                    <span className={styles.name}>
                      <Radio value={role.name} label={role.roleName} />
                      {role.containerRegistry ? (
                        <Badge appearance="outline" size="small">
                          {t('wizard.role.containerRegistry')}
                        </Badge>
                      ) : null}
                    </span>
                  </TableCell>
                  <TableCell className={styles.description}>{role.description}</TableCell>
                  <TableCell>{role.roleType}</TableCell>
                  <TableCell>
                    <Button
                      appearance="transparent"
                      size="small"
                      aria-label={t('wizard.role.viewAria', { role: role.roleName })}
                      onClick={() => onView(role)}
                    >
                      {t('wizard.role.view')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </RadioGroup>
      )}
    </div>
  );
}
