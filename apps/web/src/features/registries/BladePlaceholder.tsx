import { WrenchRegular } from '@fluentui/react-icons';
import { useLocation } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';

const bladeOf = (path: string) =>
  path.endsWith('/access-control')
    ? ('accessControl' as const)
    : path.endsWith('/repositories')
      ? ('repositories' as const)
      : ('contentTrust' as const);

/** A blade whose feature has not landed yet: says what will be here (never a dead link). */
export function BladePlaceholder() {
  const { t } = useTranslation();
  const blade = bladeOf(useLocation().pathname);
  return (
    <EmptyState
      icon={<WrenchRegular />}
      title={t('registries.placeholder.comingTitle', { blade: t(`registries.blade.${blade}`) })}
    >
      {t(`registries.placeholder.${blade}`)}
    </EmptyState>
  );
}
