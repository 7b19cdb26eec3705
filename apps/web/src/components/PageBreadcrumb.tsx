import { Breadcrumb, BreadcrumbDivider, BreadcrumbItem, BreadcrumbButton } from '@fluentui/react-components';
import { createLink } from '@tanstack/react-router';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

/** A breadcrumb item that navigates through the router. */
const RouterBreadcrumbButton = createLink(BreadcrumbButton);

export interface Crumb {
  label: string;
  /** Where the crumb leads; the last crumb (the current page) has none. */
  href?: string;
}

/** The portal's breadcrumb (Home > Container registries > ctpdemo > Content trust). */
export function PageBreadcrumb({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  const all: Crumb[] = [{ label: t('app.home'), href: '/registries' }, ...items];
  return (
    <Breadcrumb aria-label={t('app.breadcrumb')} size="small">
      {all.map((crumb, index) => {
        const last = index === all.length - 1;
        return (
          <Fragment key={`${crumb.label}-${index}`}>
            <BreadcrumbItem>
              {last || !crumb.href ? (
                <BreadcrumbButton current={last}>{crumb.label}</BreadcrumbButton>
              ) : (
                <RouterBreadcrumbButton to={crumb.href}>{crumb.label}</RouterBreadcrumbButton>
              )}
            </BreadcrumbItem>
            {!last && <BreadcrumbDivider />}
          </Fragment>
        );
      })}
    </Breadcrumb>
  );
}
