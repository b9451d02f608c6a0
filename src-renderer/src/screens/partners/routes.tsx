import { createRoute, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { listPartnersInput } from '@shared/contract/partners';
import { staffRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';
import { asText, searchFrom } from '../../router/search';
import { isPartnerTab } from './partner-tabs';

const sort = listPartnersInput.shape.sort.unwrap().shape;

/**
 * The list's state in the URL, from `partners.list`'s own input schema: the filters as they are,
 * and sort flattened to `sort`/`dir`. No page: the list scrolls by cursor, and a cursor is no
 * link to share (an old link's `?page=` is an unknown key, ignored).
 */
export const partnerListSearch = searchFrom({
  ...listPartnersInput.pick({ type: true, status: true, tier: true, kycStatus: true }).shape,
  q: z.preprocess(asText, listPartnersInput.shape.q),
  sort: sort.field,
  dir: sort.direction.unwrap(),
});
export type PartnerListSearch = z.infer<typeof partnerListSearch>;

export const partnerListRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'partners',
  staticData: { procedure: 'partners.list' },
  validateSearch: partnerListSearch,
  component: lazyScreen(() => import('./PartnerList'), 'PartnerList'),
});

/** `/partners/$id` alone opens the first tab. */
export const partnerRedirectRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'partners/$id',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/partners/$id/$tab', params: { id: params.id, tab: 'profile' }, replace: true });
  },
});

export const partnerDetailRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'partners/$id/$tab',
  staticData: { procedure: 'partners.get' },
  beforeLoad: ({ params }) => {
    // An unknown tab (an old or mistyped link) shows the profile, and the URL says so.
    if (!isPartnerTab(params.tab)) throw redirect({ to: '/partners/$id/$tab', params: { id: params.id, tab: 'profile' }, replace: true });
  },
  component: lazyScreen(() => import('./PartnersScreen'), 'PartnerDetailScreen'),
});
