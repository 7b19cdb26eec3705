import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { builtInRoleIds, type Principal, type RoleAssignment, type RoleDefinition } from '@ctp/contracts';
import { useEffect, useRef, useState } from 'react';
import type { AsyncState } from '../components/CheckAccessPanel.tsx';
import { usePrincipalName } from '../components/PrincipalLabel.tsx';
import { useAccessControlT } from '../i18n.ts';
import { MemberPicker } from './MemberPicker.tsx';
import { MembersTab, SELECT_MEMBERS_ID, type PushStatus } from './MembersTab.tsx';
import { ReviewTab } from './ReviewTab.tsx';
import { RoleDetailsDrawer } from './RoleDetailsDrawer.tsx';
import { RoleTab } from './RoleTab.tsx';
import { refusalOf, validateWizard } from './validation.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500 },
  panel: { minHeight: '320px' },
  footer: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  errors: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

type WizardTab = 'role' | 'members' | 'review';
const TABS: WizardTab[] = ['role', 'members', 'review'];

export interface AssignmentPlan {
  role: RoleDefinition;
  members: Principal[];
  description: string;
  /** Members who also get AcrPush (a signer who cannot push yet, on one click). */
  alsoPush: Principal[];
  pushRole?: RoleDefinition;
}

export interface AssignmentFailure {
  member: Principal;
  roleName: string;
  message: string;
}

export interface AddRoleAssignmentWizardProps {
  registryName: string;
  scope: string;
  roles: AsyncState<RoleDefinition[]>;
  existing: RoleAssignment[];
  onSearch: (text: string) => void;
  searchResults: AsyncState<Principal[]>;
  pushStatus: Map<string, PushStatus>;
  onMembersChange: (members: Principal[]) => void;
  /** Creates the assignments; resolves with the ones that failed (empty when all were added). */
  onSubmit: (plan: AssignmentPlan) => Promise<AssignmentFailure[]>;
  onCancel: () => void;
}

/** Add role assignment, as in the portal: Role → Members → Review + assign. */
export function AddRoleAssignmentWizard(props: AddRoleAssignmentWizardProps) {
  const styles = useStyles();
  const t = useAccessControlT();
  const principalName = usePrincipalName();
  const [tab, setTab] = useState<WizardTab>('role');
  const [role, setRole] = useState<RoleDefinition>();
  const [members, setMembers] = useState<Principal[]>([]);
  const [description, setDescription] = useState('');
  const [assignTo, setAssignTo] = useState<'principal' | 'managedIdentity'>('principal');
  const [alsoPush, setAlsoPush] = useState<Set<string>>(new Set());
  const [pickerOpen, setPickerOpen] = useState(false);
  // A fresh panel (and selection state) each time it opens; closing keeps it mounted so it can animate out.
  const [pickerSession, setPickerSession] = useState(0);
  const [viewing, setViewing] = useState<RoleDefinition>();
  const [submitting, setSubmitting] = useState(false);
  const [failures, setFailures] = useState<AssignmentFailure[]>([]);
  const [attempted, setAttempted] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);

  const validation = validateWizard({ role, members, description }, props.existing);
  const pushRole = props.roles.data?.find((r) => r.name === builtInRoleIds.AcrPush);
  const signing = role?.grants.canSign === true;
  const alsoPushMembers = signing
    ? members.filter((m) => alsoPush.has(m.id) && !validation.refusals.has(m.id))
    : [];
  const { onMembersChange } = props;
  useEffect(() => onMembersChange(members), [members, onMembersChange]);

  const go = (next: WizardTab) => {
    setTab(next);
    // Keyboard users land in the new panel, not on a button of the old one.
    requestAnimationFrame(() => panelRef.current?.focus());
  };
  const index = TABS.indexOf(tab);
  const closePicker = () => {
    setPickerOpen(false);
    // Back to "+ Select members", where the panel was opened from.
    requestAnimationFrame(() => document.getElementById(SELECT_MEMBERS_ID)?.focus());
  };
  const submit = async () => {
    setAttempted(true);
    if (!validation.canSubmit || !role) return;
    setSubmitting(true);
    try {
      const failed = await props.onSubmit({
        role,
        members,
        description: description.trim(),
        alsoPush: alsoPushMembers,
        ...(pushRole ? { pushRole } : {}),
      });
      setFailures(failed);
    } finally {
      setSubmitting(false);
    }
  };
  const errors = [
    validation.role ? t(`wizard.errors.${validation.role}`) : undefined,
    validation.members ? t(`wizard.errors.${validation.members}`) : undefined,
    validation.descriptionTooLong ? t('wizard.errors.descriptionTooLong', { max: 2048 }) : undefined,
  ].filter((e): e is string => !!e);
  const pickerRefusal = (p: Principal) => {
    const refusal = refusalOf(p, role, props.existing);
    return refusal ? t(`wizard.members.refused.${refusal.code}`) : undefined;
  };

  return (
    <section className={styles.root} aria-labelledby="add-role-assignment-title">
      <h2 id="add-role-assignment-title" className={styles.heading}>
        {t('wizard.title')}
      </h2>
      <TabList
        selectedValue={tab}
        onTabSelect={(_, d) => go(d.value as WizardTab)}
        aria-label={t('wizard.title')}
      >
        {TABS.map((v) => (
          <Tab key={v} value={v} id={`wizard-tab-${v}`} aria-controls="wizard-panel">
            {t(`wizard.tabs.${v}`)}
          </Tab>
        ))}
      </TabList>
      <div
        id="wizard-panel"
        role="tabpanel"
        aria-labelledby={`wizard-tab-${tab}`}
        tabIndex={-1}
        ref={panelRef}
        className={styles.panel}
      >
        {tab === 'role' ? (
          <RoleTab roles={props.roles} selected={role} onSelect={setRole} onView={setViewing} />
        ) : tab === 'members' ? (
          <MembersTab
            role={role}
            assignTo={assignTo}
            onAssignToChange={setAssignTo}
            members={members}
            refusals={validation.refusals}
            onOpenPicker={() => {
              setPickerSession(pickerSession + 1);
              setPickerOpen(true);
            }}
            onRemoveMember={(id) => setMembers(members.filter((m) => m.id !== id))}
            pushStatus={props.pushStatus}
            alsoPush={alsoPush}
            onAlsoPushChange={(id, on) => {
              const next = new Set(alsoPush);
              if (on) next.add(id);
              else next.delete(id);
              setAlsoPush(next);
            }}
            description={description}
            onDescriptionChange={setDescription}
            descriptionTooLong={validation.descriptionTooLong}
          />
        ) : (
          <ReviewTab
            registryName={props.registryName}
            scope={props.scope}
            role={role}
            members={members}
            alsoPush={alsoPushMembers}
            description={description}
          />
        )}
      </div>
      {(tab === 'review' || attempted) && errors.length > 0 ? (
        <div className={styles.errors} role="alert">
          {errors.map((e) => (
            <MessageBar key={e} intent="error">
              <MessageBarBody>{e}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
      ) : null}
      {failures.length > 0 ? (
        <div className={styles.errors} role="alert">
          <Text>{t('wizard.result.partial')}</Text>
          {failures.map((f) => (
            <MessageBar key={`${f.member.id}-${f.roleName}`} intent="error">
              <MessageBarBody>
                {t('wizard.result.failed', {
                  role: f.roleName,
                  name: principalName(f.member),
                  message: f.message,
                })}
              </MessageBarBody>
            </MessageBar>
          ))}
        </div>
      ) : null}
      <div className={styles.footer}>
        <Button
          appearance="primary"
          disabled={submitting || (tab === 'review' && !validation.canSubmit)}
          icon={submitting ? <Spinner size="tiny" /> : undefined}
          onClick={() => (tab === 'review' ? void submit() : go('review'))}
        >
          {submitting ? t('wizard.assigning') : t('wizard.assign')}
        </Button>
        <Button disabled={index === 0} onClick={() => go(TABS[index - 1]!)}>
          {t('wizard.previous')}
        </Button>
        <Button disabled={index === TABS.length - 1} onClick={() => go(TABS[index + 1]!)}>
          {t('wizard.next')}
        </Button>
        <Button appearance="subtle" onClick={props.onCancel}>
          {t('wizard.cancel')}
        </Button>
      </div>
      <RoleDetailsDrawer role={viewing} onClose={() => setViewing(undefined)} />
      {pickerSession > 0 ? (
        <MemberPicker
          key={pickerSession}
          open={pickerOpen}
          initial={members}
          onSearch={props.onSearch}
          results={props.searchResults}
          refusalOf={pickerRefusal}
          onSelect={(chosen) => {
            setMembers(chosen);
            closePicker();
          }}
          onClose={closePicker}
        />
      ) : null}
    </section>
  );
}
