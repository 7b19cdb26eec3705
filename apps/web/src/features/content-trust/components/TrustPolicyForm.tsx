import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircleFilled, ShieldDismissRegular, ArrowSyncCircleRegular } from '@fluentui/react-icons';
import type { ContentTrustStatus, TrustPolicyStatus } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../format.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  on: { color: tokens.colorPaletteGreenForeground1 },
  off: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export interface TrustPolicyFormProps {
  status: ContentTrustStatus;
  choice: TrustPolicyStatus;
  onChoice: (choice: TrustPolicyStatus) => void;
  onSave: () => void;
  onDiscard: () => void;
  /** A change is being sent or ARM is still running one. */
  busy: boolean;
}

/** Current status (icon and words), the Enabled / Disabled choice, Save and Discard — or why not. */
export function TrustPolicyForm({ status, choice, onChoice, onSave, onDiscard, busy }: TrustPolicyFormProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const current = status.trustPolicy.status;
  const dirty = choice !== current;
  const updating = status.provisioningState === 'Updating';
  const locked =
    !status.skuSupport.supported || !status.capabilities.canChangeTrustPolicy || busy || updating;
  return (
    <div className={styles.form}>
      <div className={styles.status}>
        <Text weight="semibold">{t('contentTrust.status.label')}:</Text>
        {updating ? (
          <ArrowSyncCircleRegular aria-hidden />
        ) : current === 'enabled' ? (
          <CheckmarkCircleFilled className={styles.on} aria-hidden />
        ) : (
          <ShieldDismissRegular className={styles.off} aria-hidden />
        )}
        <Text>
          {t(`contentTrust.status.${current}`)}
          {updating ? ` — ${t('contentTrust.status.updating')}` : ''}
        </Text>
      </div>
      {!status.skuSupport.supported && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('contentTrust.gating.skuTitle')}</MessageBarTitle>
            {t('contentTrust.gating.skuBody', {
              name: status.registryName,
              sku: status.sku,
              noNewEnablementFrom: formatDay(status.deprecation.noNewEnablementFrom, i18n.language),
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {status.skuSupport.supported && !status.capabilities.canChangeTrustPolicy && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('contentTrust.gating.permissionTitle')}</MessageBarTitle>
            {t('contentTrust.gating.permissionBody', { name: status.registryName })}
          </MessageBarBody>
        </MessageBar>
      )}
      <RadioGroup
        layout="horizontal"
        aria-label={t('contentTrust.status.choice')}
        value={choice}
        disabled={locked}
        onChange={(_, data) => onChoice(data.value as TrustPolicyStatus)}
      >
        <Radio value="enabled" label={t('contentTrust.status.enabled')} />
        <Radio value="disabled" label={t('contentTrust.status.disabled')} />
      </RadioGroup>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!dirty || locked} onClick={onSave}>
          {t('contentTrust.status.save')}
        </Button>
        <Button disabled={!dirty || busy} onClick={onDiscard}>
          {t('contentTrust.status.discard')}
        </Button>
        {dirty && <Text role="status">{t('contentTrust.status.unsaved')}</Text>}
      </div>
    </div>
  );
}
