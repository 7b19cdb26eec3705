import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, CheckmarkCircleRegular, DeleteRegular } from '@fluentui/react-icons';
import type { ContentTrustImpact } from '@ctp/contracts';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../../components/ProblemMessage.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  nowrap: { whiteSpace: 'nowrap' },
  export: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // Fluent has no danger button: the primary one in the status danger colours, only while enabled.
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorStatusDangerForeground1,
      color: tokens.colorNeutralForegroundOnBrand,
    },
    ':hover:active': { backgroundColor: tokens.colorStatusDangerForeground1 },
  },
});

export interface DisableTrustDialogProps {
  open: boolean;
  registryName: string;
  impact: { data?: ContentTrustImpact; error?: unknown; isPending: boolean };
  exportState: { running: boolean; file?: string; error?: unknown };
  onExport: () => void;
  /** Called with the typed name only when it equals the registry name exactly. */
  onConfirm: (typedName: string) => void;
  onCancel: () => void;
  /** The disable request is on its way. */
  busy: boolean;
}

/**
 * The destructive confirmation: what will be lost (counted before anything happens), an export
 * offered first, and a typed registry name. Cancel has initial focus, Enter in the field does not
 * confirm, Escape cancels; the destructive button is enabled only on an exact (case-sensitive,
 * untrimmed) match.
 */
export function DisableTrustDialog(props: DisableTrustDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Fluent focuses the first focusable element (the export button) in an effect of Dialog, which runs
  // before this one: the safe choice gets the focus last.
  useEffect(() => {
    if (props.open) cancelRef.current?.focus();
  }, [props.open]);
  return (
    <Dialog
      open={props.open}
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open) props.onCancel();
      }}
    >
      <DialogSurface aria-describedby="disable-trust-irreversible">
        {/* Mounted only while open: the typed name starts empty every time. */}
        <DisableTrustBody {...props} cancelRef={cancelRef} />
      </DialogSurface>
    </Dialog>
  );
}

function DisableTrustBody({
  cancelRef,
  ...props
}: DisableTrustDialogProps & { cancelRef: RefObject<HTMLButtonElement | null> }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [typed, setTyped] = useState('');
  const matches = typed === props.registryName;
  const impact = props.impact.data;
  const losing = impact?.repositories.filter((r) => r.trustData === 'present' || r.trustData === 'invalid');

  return (
    <DialogBody>
      <DialogTitle>{t('contentTrust.dialog.title', { name: props.registryName })}</DialogTitle>
      <DialogContent className={styles.content}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody id="disable-trust-irreversible">
            {t('contentTrust.dialog.irreversible', { name: props.registryName })}
          </MessageBarBody>
        </MessageBar>
        {props.impact.isPending && <Spinner size="tiny" label={t('contentTrust.dialog.impactLoading')} />}
        {props.impact.error !== undefined && props.impact.error !== null && (
          <ProblemMessage error={props.impact.error} />
        )}
        {impact && (
          <div>
            <Text weight="semibold" block>
              {t('contentTrust.dialog.impact', {
                count: impact.totals.repositoriesWithTrustData,
                signedTags: impact.totals.signedTags,
                imagesKept: impact.totals.imagesKept,
              })}
            </Text>
            {impact.totals.unknown > 0 && (
              <Text block>{t('contentTrust.dialog.impactUnknown', { count: impact.totals.unknown })}</Text>
            )}
            {losing && losing.length > 0 && (
              <ul className={styles.list} aria-label={t('contentTrust.dialog.repositoriesLabel')}>
                {losing.map((r) => (
                  <li key={r.repository}>
                    <Text className={styles.mono}>
                      {r.trustData === 'invalid'
                        ? t('contentTrust.dialog.invalidLine', { repository: r.repository })
                        : t('contentTrust.dialog.repositoryLine', {
                            repository: r.repository,
                            count: r.signedTags,
                          })}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div>
          <Text weight="semibold" block>
            {t('contentTrust.dialog.exportTitle')}
          </Text>
          <Text block>{t('contentTrust.dialog.exportBody')}</Text>
          <div className={styles.export}>
            <Button
              icon={props.exportState.running ? <Spinner size="tiny" /> : <ArrowDownloadRegular />}
              disabled={props.exportState.running}
              onClick={props.onExport}
            >
              {props.exportState.running
                ? t('contentTrust.dialog.exporting')
                : t('contentTrust.dialog.export')}
            </Button>
            {props.exportState.file && (
              <Text role="status">
                <CheckmarkCircleRegular aria-hidden />{' '}
                {t('contentTrust.dialog.exported', { file: props.exportState.file })}
              </Text>
            )}
          </div>
          {props.exportState.error !== undefined && props.exportState.error !== null && (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>{t('contentTrust.dialog.export')}</MessageBarTitle>
                {props.exportState.error instanceof Error
                  ? props.exportState.error.message
                  : String(props.exportState.error)}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
        <Field
          label={t('contentTrust.dialog.confirmLabel')}
          hint={t('contentTrust.dialog.confirmHint', { name: props.registryName })}
        >
          <Input
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(_, data) => setTyped(data.value)}
            onKeyDown={(event) => {
              // Enter never confirms a destructive action.
              if (event.key === 'Enter') event.preventDefault();
            }}
          />
        </Field>
      </DialogContent>
      <DialogActions>
        <Button appearance="secondary" ref={cancelRef} onClick={props.onCancel}>
          {t('contentTrust.dialog.cancel')}
        </Button>
        <Button
          appearance="primary"
          className={mergeClasses(styles.nowrap, matches && !props.busy && styles.danger)}
          icon={props.busy ? <Spinner size="tiny" /> : <DeleteRegular />}
          disabled={!matches || props.busy}
          onClick={() => {
            if (typed === props.registryName) props.onConfirm(typed);
          }}
        >
          {t('contentTrust.dialog.confirm')}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
