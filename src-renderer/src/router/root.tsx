import { Outlet, createRootRoute, createRoute } from '@tanstack/react-router';
import { StaffRoot } from '../screens/boot/Boot';
import { NotFound } from './NotFound';

/**
 * Two route trees under one root: the staff app (a pathless layout that holds set-up, sign-in
 * and the signed-in shell) and, apart from it, the partner portal under `/portal`, which will
 * have its own sign-in and shell.
 */
export const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFound });

/** Every staff screen is a child of this layout; it decides set-up / sign-in / the app shell. */
export const staffRoute = createRoute({ getParentRoute: () => rootRoute, id: '_staff', component: StaffRoot });
