import { Link as FluentLink } from '@fluentui/react-components';
import { createLink } from '@tanstack/react-router';

/**
 * Fluent UI's link, navigating through the router (typed `to`/`params`, no page reload). The
 * breadcrumb and menu variants live beside their one user (PageBreadcrumb, BladeNav), so the header's
 * links do not bring the breadcrumb's and the menu's code into every page load.
 */
export const RouterLink = createLink(FluentLink);
