import { useLocation } from '@tanstack/react-router';
import { DocumentQuestionMarkRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState.tsx';
import { RouterLink } from '../components/RouterLink.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <EmptyState
      icon={<DocumentQuestionMarkRegular />}
      title={t('app.notFoundTitle')}
      actions={<RouterLink to="/registries">{t('app.goToRegistries')}</RouterLink>}
    >
      {t('app.notFoundBody', { path: location.pathname })}
    </EmptyState>
  );
}
