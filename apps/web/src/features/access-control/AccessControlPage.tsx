import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  tokens,
  Toolbar,
  Tooltip,
} from '@fluentui/react-components';
import { AddRegular, ArrowClockwiseRegular } from '@fluentui/react-icons';
import type { RegistryDetail, RegistryRef, RoleAssignment } from '@ctp/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useRegistry } from '../registries/queries.ts';
import { useRegistryRef } from '../registries/registry-ref.ts';
import { CheckAccessPanel } from './components/CheckAccessPanel.tsx';
import { RemoveAssignmentDialog } from './components/RemoveAssignmentDialog.tsx';
import { RoleAssignmentsTable } from './components/RoleAssignmentsTable.tsx';
import { SignersPanel } from './components/SignersPanel.tsx';
import { useAccessControlT } from './i18n.ts';
import {
  useCheckAccess,
  usePrincipalSearch,
  useRemoveRoleAssignment,
  useRoleAssignments,
  useSigners,
} from './queries.ts';
import { accessControlRoute, type AccessControlSearch } from './route.tsx';
import { AddRoleAssignment } from './wizard/AddRoleAssignment.tsx';
import type { Principal } from '@ctp/contracts';

const useStyles = makeStyles({
  // inline-size containment: wide tables scroll here instead of widening the blade and squeezing its menu.
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    containerType: 'inline-size',
    overflowX: 'auto',
  },
  toolbar: { paddingInline: 0, gap: tokens.spacingHorizontalS },
});

type Tab = NonNullable<AccessControlSearch['tab']>;

const errorText = (error: unknown) =>
  error instanceof ApiError
    ? (error.detail ?? error.title)
    : error instanceof Error
      ? error.message
      : String(error);

/** Access control (IAM) of one registry: check access, role assignments, signers, the Add wizard. */
export function AccessControlPage() {
  const ref = useRegistryRef();
  const registry = useRegistry(ref);
  if (!ref || !registry.data) return null; // the blade layout shows loading and errors
  return <AccessControl registryRef={ref} registry={registry.data} />;
}

function AccessControl({ registryRef, registry }: { registryRef: RegistryRef; registry: RegistryDetail }) {
  const styles = useStyles();
  const t = useAccessControlT();
  const navigate = useNavigate({ from: accessControlRoute.fullPath });
  const search: AccessControlSearch = accessControlRoute.useSearch();
  const tab: Tab = search.tab ?? 'roleAssignments';
  const setTab = (next: Tab) => void navigate({ search: { tab: next } });
  const [notice, setNotice] = useState<string>();
  const caps = registry.capabilities;

  if (tab === 'add' && caps.canAssignRoles) {
    return (
      <div className={styles.root}>
        <AddRoleAssignment
          registryRef={registryRef}
          onDone={(text) => {
            setNotice(text);
            setTab('roleAssignments');
          }}
          onCancel={() => setTab('roleAssignments')}
        />
      </div>
    );
  }

  const addButton = (
    <Button
      appearance="primary"
      icon={<AddRegular />}
      disabledFocusable={!caps.canAssignRoles}
      aria-description={caps.canAssignRoles ? undefined : t('toolbar.cannotAssign')}
      onClick={() => (caps.canAssignRoles ? setTab('add') : undefined)}
    >
      {t('toolbar.add')}
    </Button>
  );
  return (
    <div className={styles.root}>
      <Toolbar className={styles.toolbar} aria-label={t('title')}>
        {caps.canAssignRoles ? (
          addButton
        ) : (
          <Tooltip content={t('toolbar.cannotAssign')} relationship="description">
            {addButton}
          </Tooltip>
        )}
        <RefreshButton registryRef={registryRef} />
      </Toolbar>
      {!caps.canAssignRoles ? (
        <MessageBar intent="info">
          <MessageBarBody>{t('toolbar.cannotAssign')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {registry.adminUserEnabled ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('adminAccount.title')}</MessageBarTitle>
            {t('adminAccount.body')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {notice ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as Tab)} aria-label={t('title')}>
        <Tab value="checkAccess">{t('tabs.checkAccess')}</Tab>
        <Tab value="roleAssignments">{t('tabs.roleAssignments')}</Tab>
        <Tab value="signers">{t('tabs.signers')}</Tab>
      </TabList>
      <div role="tabpanel" aria-label={t(`tabs.${tab === 'add' ? 'roleAssignments' : tab}`)}>
        {!caps.canReadRoleAssignments ? (
          <MessageBar intent="warning">
            <MessageBarBody>{t('toolbar.cannotRead')}</MessageBarBody>
          </MessageBar>
        ) : tab === 'checkAccess' ? (
          <CheckAccessTab registryRef={registryRef} />
        ) : tab === 'signers' ? (
          <SignersTab registryRef={registryRef} />
        ) : (
          <AssignmentsTab
            registryRef={registryRef}
            canRemove={caps.canRemoveRoleAssignments}
            onRemoved={setNotice}
          />
        )}
      </div>
    </div>
  );
}

function RefreshButton({ registryRef }: { registryRef: RegistryRef }) {
  const t = useAccessControlT();
  const assignments = useRoleAssignments(registryRef, false);
  const signers = useSigners(registryRef, false);
  return (
    <Button
      appearance="subtle"
      icon={<ArrowClockwiseRegular />}
      onClick={() => {
        void assignments.refetch();
        void signers.refetch();
      }}
    >
      {t('toolbar.refresh')}
    </Button>
  );
}

function AssignmentsTab({
  registryRef,
  canRemove,
  onRemoved,
}: {
  registryRef: RegistryRef;
  canRemove: boolean;
  onRemoved: (notice: string) => void;
}) {
  const t = useAccessControlT();
  const assignments = useRoleAssignments(registryRef);
  const remove = useRemoveRoleAssignment(registryRef);
  const [removing, setRemoving] = useState<RoleAssignment>();
  if (assignments.isPending) return <Spinner size="small" label={t('list.loading')} />;
  if (assignments.isError)
    return <ProblemMessage error={assignments.error} onRetry={() => void assignments.refetch()} />;
  return (
    <>
      <RoleAssignmentsTable
        assignments={assignments.data.value}
        canRemove={canRemove}
        onRemove={(a) => {
          remove.reset();
          setRemoving(a);
        }}
      />
      <RemoveAssignmentDialog
        assignment={removing}
        registryName={registryRef.registryName}
        removing={remove.isPending}
        {...(remove.error ? { error: errorText(remove.error) } : {})}
        onCancel={() => setRemoving(undefined)}
        onConfirm={(a) =>
          remove.mutate(a.name, {
            onSuccess: () => {
              setRemoving(undefined);
              onRemoved(
                t('remove.done', { role: a.roleName, name: a.principal.displayName ?? a.principal.id }),
              );
            },
          })
        }
      />
    </>
  );
}

function CheckAccessTab({ registryRef }: { registryRef: RegistryRef }) {
  const [search, setSearch] = useState<string>();
  const [selected, setSelected] = useState<Principal>();
  const results = usePrincipalSearch(registryRef, search ?? '', search !== undefined && search !== '');
  const access = useCheckAccess(registryRef, selected?.id);
  const onSearch = useCallback((text: string) => setSearch(text), []);
  return (
    <CheckAccessPanel
      onSearch={onSearch}
      results={{
        ...(results.data && search ? { data: results.data.value } : {}),
        loading: results.isFetching,
        ...(results.error ? { error: errorText(results.error) } : {}),
      }}
      {...(selected ? { selected } : {})}
      onSelect={setSelected}
      access={{
        ...(access.data ? { data: access.data } : {}),
        loading: access.isFetching && !access.data,
        ...(access.error ? { error: errorText(access.error) } : {}),
      }}
    />
  );
}

function SignersTab({ registryRef }: { registryRef: RegistryRef }) {
  const t = useAccessControlT();
  const signers = useSigners(registryRef);
  if (signers.isPending) return <Spinner size="small" label={t('signers.loading')} />;
  if (signers.isError) return <ProblemMessage error={signers.error} onRetry={() => void signers.refetch()} />;
  return <SignersPanel signers={signers.data.value} />;
}
