import { BreadcrumbButton, Link as FluentLink, NavItem } from '@fluentui/react-components';
import { createLink } from '@tanstack/react-router';

/** Fluent UI's link, navigating through the router (typed `to`/`params`, no page reload). */
export const RouterLink = createLink(FluentLink);
/** A breadcrumb item that navigates through the router. */
export const RouterBreadcrumbButton = createLink(BreadcrumbButton);
/** A navigation menu item that navigates through the router. */
export const RouterNavItem = createLink(NavItem);
