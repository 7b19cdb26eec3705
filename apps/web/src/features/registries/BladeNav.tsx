import {
  NavCategory,
  NavCategoryItem,
  NavDrawer,
  NavDrawerBody,
  NavSectionHeader,
  NavSubItemGroup,
  NavSubItem,
  NavItem,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  BoxMultipleRegular,
  DocumentBulletListMultipleRegular,
  PeopleRegular,
  ShieldCheckmarkRegular,
  ShieldKeyholeRegular,
} from '@fluentui/react-icons';
import { createLink, useNavigate } from '@tanstack/react-router';
import type { RegistryRef } from '@ctp/contracts';
import { useTranslation } from 'react-i18next';
import { registryBladeHref, type RegistryBlade } from './registry-links.ts';

/** A navigation menu item that navigates through the router. */
const RouterNavItem = createLink(NavItem);

const useStyles = makeStyles({
  drawer: {
    height: 'auto',
    minHeight: '100%',
    flexShrink: 0, // a blade with wide content must not squeeze the menu away
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** The registry blade's left menu, like the portal's: Overview, Access control (IAM), Services, Policies. */
export function BladeNav({ registry, current }: { registry: RegistryRef; current: RegistryBlade }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const navigate = useNavigate();
  const href = (blade: RegistryBlade) => registryBladeHref(registry, blade);
  return (
    <NavDrawer
      open
      type="inline"
      className={styles.drawer}
      selectedValue={current}
      defaultOpenCategories={['policies']}
      aria-label={t('registries.blade.menu')}
    >
      <NavDrawerBody>
        <RouterNavItem to={href('overview')} value="overview" icon={<BoxMultipleRegular />}>
          {t('registries.blade.overview')}
        </RouterNavItem>
        <RouterNavItem to={href('access-control')} value="access-control" icon={<PeopleRegular />}>
          {t('registries.blade.accessControl')}
        </RouterNavItem>
        <NavSectionHeader>{t('registries.blade.services')}</NavSectionHeader>
        <RouterNavItem
          to={href('repositories')}
          value="repositories"
          icon={<DocumentBulletListMultipleRegular />}
        >
          {t('registries.blade.repositories')}
        </RouterNavItem>
        <NavCategory value="policies">
          <NavCategoryItem icon={<ShieldKeyholeRegular />}>{t('registries.blade.policies')}</NavCategoryItem>
          <NavSubItemGroup>
            <NavSubItem
              value="content-trust"
              href={href('content-trust')}
              onClick={(event) => {
                event.preventDefault();
                void navigate({ to: href('content-trust') });
              }}
            >
              <ShieldCheckmarkRegular aria-hidden /> {t('registries.blade.contentTrust')}
            </NavSubItem>
          </NavSubItemGroup>
        </NavCategory>
      </NavDrawerBody>
    </NavDrawer>
  );
}
