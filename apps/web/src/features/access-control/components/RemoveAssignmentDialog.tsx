import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import type { RoleAssignment } from '@ctp/contracts';
import { useAccessControlT } from '../i18n.ts';
import { usePrincipalName } from './PrincipalLabel.tsx';
import { useScopeText } from './ScopeLabel.tsx';

export interface RemoveAssignmentDialogProps {
  assignment?: RoleAssignment;
  registryName: string;
  removing: boolean;
  error?: string;
  onConfirm: (assignment: RoleAssignment) => void;
  onCancel: () => void;
}

/** Confirmation naming the principal, the role and the scope before anything is removed. */
export function RemoveAssignmentDialog({
  assignment,
  registryName,
  removing,
  error,
  onConfirm,
  onCancel,
}: RemoveAssignmentDialogProps) {
  const t = useAccessControlT();
  const principalName = usePrincipalName();
  const scopeText = useScopeText();
  return (
    <Dialog open={!!assignment} modalType="alert" onOpenChange={(_, d) => (!d.open ? onCancel() : undefined)}>
      <DialogSurface>
        {assignment ? (
          <DialogBody>
            <DialogTitle>{t('remove.title')}</DialogTitle>
            <DialogContent>
              <p>
                {t('remove.body', {
                  role: assignment.roleName,
                  name: principalName(assignment.principal),
                  scope: assignment.inherited ? scopeText(assignment) : registryName,
                })}
              </p>
              {error ? (
                <MessageBar intent="error">
                  <MessageBarBody>{t('remove.failed', { message: error })}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabled={removing}
                icon={removing ? <Spinner size="tiny" /> : undefined}
                onClick={() => onConfirm(assignment)}
              >
                {removing ? t('remove.removing') : t('remove.confirm')}
              </Button>
              <Button onClick={onCancel}>{t('remove.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        ) : null}
      </DialogSurface>
    </Dialog>
  );
}
