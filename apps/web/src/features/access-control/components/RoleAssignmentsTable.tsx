import {
  Button,
  Dropdown,
  makeStyles,
  Option,
  SearchBox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  Tooltip,
  useId,
} from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import type { RoleAssignment } from '@ctp/contracts';
import { useMemo, useState } from 'react';
import { useAccessControlT } from '../i18n.ts';
import {
  filterAssignments,
  groupByRole,
  noFilters,
  type AssignmentFilters,
  type ScopeFilter,
  type TypeFilter,
} from './assignment-filters.ts';
import { PrincipalLabel, usePrincipalName, usePrincipalTypeLabel } from './PrincipalLabel.tsx';
import { ScopeLabel, useScopeText } from './ScopeLabel.tsx';

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  search: { minWidth: '280px' },
  group: { marginTop: tokens.spacingVerticalL },
  groupHeading: { margin: `0 0 ${tokens.spacingVerticalS} 0`, fontSize: tokens.fontSizeBase400 },
  nameCell: { minWidth: '260px' },
});

export interface RoleAssignmentsTableProps {
  assignments: RoleAssignment[];
  /** Whether the caller may remove assignments here (capabilities). */
  canRemove: boolean;
  onRemove: (assignment: RoleAssignment) => void;
}

/** Every assignment applying here, grouped by role with counts, searchable and filterable. */
export function RoleAssignmentsTable({ assignments, canRemove, onRemove }: RoleAssignmentsTableProps) {
  const styles = useStyles();
  const t = useAccessControlT();
  const typeLabel = usePrincipalTypeLabel();
  const principalName = usePrincipalName();
  const scopeText = useScopeText();
  const [filters, setFilters] = useState<AssignmentFilters>(noFilters);
  const ids = { role: useId('role-filter'), type: useId('type-filter'), scope: useId('scope-filter') };
  const roles = useMemo(
    () =>
      [...new Map(assignments.map((a) => [a.roleDefinitionId, a.roleName])).entries()].sort((x, y) =>
        x[1].localeCompare(y[1]),
      ),
    [assignments],
  );
  const shown = filterAssignments(assignments, filters);
  const groups = groupByRole(shown);
  const roleLabel =
    filters.role === 'all' ? t('list.allRoles') : (roles.find(([id]) => id === filters.role)?.[1] ?? '');
  const typeOptions: TypeFilter[] = ['all', 'User', 'Group', 'ServicePrincipal', 'Unknown'];
  const scopeOptions: ScopeFilter[] = ['all', 'thisResource', 'inherited'];
  const scopeOptionLabel = (s: ScopeFilter) =>
    s === 'all'
      ? t('list.allScopes')
      : s === 'thisResource'
        ? t('list.thisResourceOnly')
        : t('list.inheritedOnly');
  const typeOptionLabel = (v: TypeFilter) => (v === 'all' ? t('list.allTypes') : t(`principal.type.${v}`));

  return (
    <div>
      <div className={styles.filters} role="search">
        <SearchBox
          className={styles.search}
          aria-label={t('list.search')}
          placeholder={t('list.search')}
          value={filters.search}
          onChange={(_, d) => setFilters({ ...filters, search: d.value })}
        />
        <div className={styles.field}>
          <label id={ids.role}>{t('list.filterRole')}</label>
          <Dropdown
            aria-labelledby={ids.role}
            value={roleLabel}
            selectedOptions={[filters.role]}
            onOptionSelect={(_, d) => setFilters({ ...filters, role: d.optionValue ?? 'all' })}
          >
            <Option value="all">{t('list.allRoles')}</Option>
            {roles.map(([id, name]) => (
              <Option key={id} value={id}>
                {name}
              </Option>
            ))}
          </Dropdown>
        </div>
        <div className={styles.field}>
          <label id={ids.type}>{t('list.filterType')}</label>
          <Dropdown
            aria-labelledby={ids.type}
            value={typeOptionLabel(filters.type)}
            selectedOptions={[filters.type]}
            onOptionSelect={(_, d) =>
              setFilters({ ...filters, type: (d.optionValue as TypeFilter) ?? 'all' })
            }
          >
            {typeOptions.map((v) => (
              <Option key={v} value={v}>
                {typeOptionLabel(v)}
              </Option>
            ))}
          </Dropdown>
        </div>
        <div className={styles.field}>
          <label id={ids.scope}>{t('list.filterScope')}</label>
          <Dropdown
            aria-labelledby={ids.scope}
            value={scopeOptionLabel(filters.scope)}
            selectedOptions={[filters.scope]}
            onOptionSelect={(_, d) =>
              setFilters({ ...filters, scope: (d.optionValue as ScopeFilter) ?? 'all' })
            }
          >
            {scopeOptions.map((s) => (
              <Option key={s} value={s}>
                {scopeOptionLabel(s)}
              </Option>
            ))}
          </Dropdown>
        </div>
      </div>
      <Text as="p" role="status">
        {t('list.count', { count: shown.length })}
      </Text>
      {groups.length === 0 ? <Text as="p">{t('list.empty')}</Text> : null}
      {groups.map((group) => (
        <section key={group.roleId} className={styles.group} aria-label={group.roleName}>
          <h3 className={styles.groupHeading}>
            {t('list.groupCount', { role: group.roleName, count: group.rows.length })}
          </h3>
          <Table size="small" aria-label={group.roleName}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.nameCell}>{t('list.columns.name')}</TableHeaderCell>
                <TableHeaderCell>{t('list.columns.type')}</TableHeaderCell>
                <TableHeaderCell>{t('list.columns.role')}</TableHeaderCell>
                <TableHeaderCell>{t('list.columns.scope')}</TableHeaderCell>
                <TableHeaderCell>{t('list.columns.condition')}</TableHeaderCell>
                <TableHeaderCell>{t('list.columns.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {group.rows.map((a) => {
                const reason = a.inherited
                  ? t('list.inheritedCannotRemove', { where: scopeText(a) })
                  : !canRemove
                    ? t('list.cannotRemove')
                    : undefined;
                const button = (
                  <Button
                    icon={<DeleteRegular />}
                    appearance="subtle"
                    size="small"
                    disabledFocusable={!!reason}
                    aria-label={t('list.removeAria', { role: a.roleName, name: principalName(a.principal) })}
                    aria-description={reason}
                    onClick={() => (reason ? undefined : onRemove(a))}
                  >
                    {t('list.remove')}
                  </Button>
                );
                return (
                  <TableRow key={a.id}>
                    <TableCell className={styles.nameCell}>
                      <PrincipalLabel principal={a.principal} />
                    </TableCell>
                    <TableCell>{typeLabel(a.principal)}</TableCell>
                    <TableCell>{a.roleName}</TableCell>
                    <TableCell>
                      <ScopeLabel assignment={a} />
                    </TableCell>
                    <TableCell>{a.condition ? a.condition : t('list.none')}</TableCell>
                    <TableCell>
                      {reason ? (
                        <Tooltip content={reason} relationship="description">
                          {button}
                        </Tooltip>
                      ) : (
                        button
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </section>
      ))}
    </div>
  );
}
