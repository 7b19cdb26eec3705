import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useAccessControlT } from '../i18n.ts';

/** What AcrImageSigner allows, that it needs AcrPush too, and that signers must sign in again. */
export function SignerGuidance() {
  const t = useAccessControlT();
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('wizard.signerGuidance.title')}</MessageBarTitle>
        <p>{t('wizard.signerGuidance.body')}</p>
        <p>{t('wizard.signerGuidance.relogin')}</p>
      </MessageBarBody>
    </MessageBar>
  );
}
