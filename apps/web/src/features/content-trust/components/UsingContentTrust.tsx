import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { RegistryRef } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../components/CopyButton.tsx';
import { RouterLink } from '../../../components/RouterLink.tsx';
import { registryBladeHref } from '../../registries/registry-links.ts';

const useStyles = makeStyles({
  sections: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  command: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    width: 'fit-content',
    maxWidth: '100%',
  },
  code: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'pre-wrap', wordBreak: 'break-all' },
});

function Command({ value, what }: { value: string; what: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.command}>
      <code className={styles.code}>{value}</code>
      <CopyButton value={value} label={t('contentTrust.using.copyLabel', { what })} />
    </div>
  );
}

/** The documented flow: turn it on in a client, who may sign, where keys live, losing the root key. */
export function UsingContentTrust({ registry, loginServer }: { registry: RegistryRef; loginServer: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const backup = 'umask 077; tar -zcvf docker_private_keys_backup.tar.gz ~/.docker/trust/private; umask 022';
  return (
    <div className={styles.sections}>
      <div className={styles.section}>
        <Text as="h3" weight="semibold">
          {t('contentTrust.using.clientTitle')}
        </Text>
        <Command value="export DOCKER_CONTENT_TRUST=1" what="export DOCKER_CONTENT_TRUST=1" />
        <Text>{t('contentTrust.using.clientBody')}</Text>
        <Command
          value={`docker pull --disable-content-trust=false ${loginServer}/<repository>:<tag>`}
          what="docker pull --disable-content-trust=false"
        />
        <Command
          value={`docker push --disable-content-trust ${loginServer}/<repository>:<tag>`}
          what="docker push --disable-content-trust"
        />
      </div>
      <div className={styles.section}>
        <Text as="h3" weight="semibold">
          {t('contentTrust.using.signersTitle')}
        </Text>
        <Text>{t('contentTrust.using.signersBody')}</Text>
        <Command value={`az acr login --name ${registry.registryName}`} what="az acr login" />
        <RouterLink to={registryBladeHref(registry, 'access-control')}>
          {t('contentTrust.using.accessControl')}
        </RouterLink>
      </div>
      <div className={styles.section}>
        <Text as="h3" weight="semibold">
          {t('contentTrust.using.keysTitle')}
        </Text>
        <Text>{t('contentTrust.using.keysBody')}</Text>
        <Command value={backup} what="tar" />
      </div>
      <div className={styles.section}>
        <Text as="h3" weight="semibold">
          {t('contentTrust.using.rootTitle')}
        </Text>
        <Text>{t('contentTrust.using.rootBody')}</Text>
      </div>
    </div>
  );
}
