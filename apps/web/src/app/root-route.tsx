import { createRootRoute } from '@tanstack/react-router';
import { NotFoundPage } from './NotFoundPage.tsx';
import { Shell } from './Shell.tsx';

/** The root of the route table: the shell (header, skip link, session banner) around every page. */
export const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFoundPage });
