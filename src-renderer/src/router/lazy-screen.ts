import { lazy, type LazyExoticComponent, type ReactNode } from 'react';

type Screen = () => ReactNode;

/**
 * A screen in its own chunk, fetched when it is first rendered. React.lazy and not the router's
 * `lazyRouteComponent` on purpose: the router preloads a matched route's component even while
 * the staff layout shows the sign-in form instead of it, and the sign-in screen must not
 * download the app. The suspense boundary is the shell's (AppLayout) or, before it, StaffRoot's.
 */
export function lazyScreen<K extends string, M extends Record<K, Screen>>(load: () => Promise<M>, name: K): LazyExoticComponent<Screen> {
  return lazy(async () => ({ default: (await load())[name] }));
}
