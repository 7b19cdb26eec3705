import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import type { Principal, RoleDefinition } from '@ctp/contracts';
import { PrincipalLabel, usePrincipalName, usePrincipalTypeLabel } from '../components/PrincipalLabel.tsx';
import { useAccessControlT } from '../i18n.ts';
import { SignerGuidance } from './SignerGuidance.tsx';
import { MAX_DESCRIPTION, type MemberRefusal } from './validation.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '960px' },
  refused: { color: tokens.colorPaletteRedForeground1 },
  description: { maxWidth: '640px' },
});

export const SELECT_MEMBERS_ID = 'wizard-select-members';

/** Whether a member can push here: `unknown` while check access is still answering. */
export type PushStatus = 'unknown' | 'yes' | 'no';

export interface MembersTabProps {
  role?: RoleDefinition;
  assignTo: 'principal' | 'managedIdentity';
  onAssignToChange: (value: 'principal' | 'managedIdentity') => void;
  members: Principal[];
  refusals: Map<string, MemberRefusal>;
  onOpenPicker: () => void;
  onRemoveMember: (id: string) => void;
  pushStatus: Map<string, PushStatus>;
  alsoPush: Set<string>;
  onAlsoPushChange: (id: string, on: boolean) => void;
  description: string;
  onDescriptionChange: (value: string) => void;
  descriptionTooLong: boolean;
}

/** The wizard's Members tab: who gets the role, refusals beside them, AcrImageSigner guidance. */
export function MembersTab(props: MembersTabProps) {
  const styles = useStyles();
  const t = useAccessControlT();
  const principalName = usePrincipalName();
  const typeLabel = usePrincipalTypeLabel();
  const { role, members, refusals, pushStatus, alsoPush } = props;
  const signing = role?.grants.canSign === true;
  const needsPush = signing
    ? members.filter((m) => !refusals.has(m.id) && pushStatus.get(m.id) === 'no')
    : [];

  return (
    <div className={styles.root}>
      <Field label={t('wizard.members.selectedRole')}>
        <Text weight="semibold">{role?.roleName ?? '—'}</Text>
      </Field>
      {signing ? <SignerGuidance /> : null}
      <RadioGroup
        aria-label={t('wizard.members.assignTo')}
        layout="horizontal"
        value={props.assignTo}
        onChange={(_, d) => props.onAssignToChange(d.value as 'principal' | 'managedIdentity')}
      >
        <Text weight="semibold">{t('wizard.members.assignTo')}</Text>
        <Radio value="principal" label={t('wizard.members.principal')} />
        <Radio value="managedIdentity" label={t('wizard.members.managedIdentity')} />
      </RadioGroup>
      {props.assignTo === 'managedIdentity' ? (
        <Caption1>{t('wizard.members.managedIdentityHint')}</Caption1>
      ) : null}
      <div>
        <Button id={SELECT_MEMBERS_ID} appearance="primary" onClick={props.onOpenPicker}>
          {t('wizard.members.selectMembers')}
        </Button>
      </div>
      {members.length === 0 ? (
        <Text>{t('wizard.members.noMembers')}</Text>
      ) : (
        <Table size="small" aria-label={t('wizard.members.members')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('list.columns.name')}</TableHeaderCell>
              <TableHeaderCell>{t('list.columns.type')}</TableHeaderCell>
              <TableHeaderCell>{t('list.columns.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((m) => {
              const refusal = refusals.get(m.id);
              return (
                <TableRow key={m.id}>
                  <TableCell>
                    <PrincipalLabel principal={m} />
                    {refusal ? (
                      <Text as="p" className={styles.refused}>
                        {t(`wizard.members.refused.${refusal.code}`)}
                      </Text>
                    ) : null}
                  </TableCell>
                  <TableCell>{typeLabel(m)}</TableCell>
                  <TableCell>
                    <Button
                      appearance="subtle"
                      icon={<DeleteRegular />}
                      aria-label={t('wizard.members.removeMember', { name: principalName(m) })}
                      onClick={() => props.onRemoveMember(m.id)}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {needsPush.map((m) => (
        <MessageBar key={m.id} intent={alsoPush.has(m.id) ? 'success' : 'warning'}>
          <MessageBarBody>
            {alsoPush.has(m.id)
              ? `${t('wizard.members.needsPush', { name: principalName(m) })} ${t('wizard.members.willAssignPush')}`
              : t('wizard.members.needsPush', { name: principalName(m) })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => props.onAlsoPushChange(m.id, !alsoPush.has(m.id))}>
              {alsoPush.has(m.id) ? t('wizard.members.undoPush') : t('wizard.members.alsoAssignPush')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
      <Field
        className={styles.description}
        label={t('wizard.members.description')}
        hint={t('wizard.members.descriptionHint')}
        validationState={props.descriptionTooLong ? 'error' : 'none'}
        validationMessage={
          props.descriptionTooLong
            ? t('wizard.errors.descriptionTooLong', { max: MAX_DESCRIPTION })
            : undefined
        }
      >
        <Textarea
          value={props.description}
          onChange={(_, d) => props.onDescriptionChange(d.value)}
          resize="vertical"
        />
      </Field>
    </div>
  );
}
