import { useEffect } from 'react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { KycStatus, PartnerSortField, PartnerStatus, PartnerTier, PartnerType } from '@shared/contract';
import type { PartnerListSearch } from './routes';
import { rememberPartnerListSearch } from './list-search';

const listRoute = getRouteApi('/_staff/partners');

export interface PartnerListFilters {
  type: PartnerType | null;
  status: PartnerStatus | null;
  tier: PartnerTier | null;
  kycStatus: KycStatus | null;
}

export interface PartnerListSort {
  field: PartnerSortField;
  direction: 'asc' | 'desc';
}

const DEFAULT_SORT: PartnerListSort = { field: 'createdAt', direction: 'desc' };

/**
 * Params the list no longer reads: `page` went with keyset paging. The router keeps unknown keys
 * (tracking parameters survive), so an old link's `?page=3` would ride along on every change.
 */
const RETIRED_PARAMS = ['page'];

function withoutRetired(search: PartnerListSearch): PartnerListSearch {
  const kept: Record<string, unknown> = { ...search };
  for (const key of RETIRED_PARAMS) delete kept[key];
  return kept as PartnerListSearch;
}

/** The date reads newest first when its column is first sorted; everything else A→Z. */
function firstDirection(field: PartnerSortField): 'asc' | 'desc' {
  return field === 'createdAt' ? 'desc' : 'asc';
}

/**
 * The partner list's filters, search and sort, read from and written to the URL
 * (`/partners?status=active&q=globex&sort=legalName&dir=asc`), so Back/Forward, reload and a
 * pasted link show the same list. A filter or sort change is a history entry; refining a
 * search replaces the entry instead of adding one per pause.
 */
export function usePartnerListUrl() {
  const search = listRoute.useSearch();
  const navigate = useNavigate();

  useEffect(() => rememberPartnerListSearch(search), [search]);

  // resetScroll off: the router's scroll restoration would carry the table's scroll position over to
  // the new list (it restores every scrolled element); the list scrolls itself back to the top instead.
  const update = (patch: PartnerListSearch, replace = false) =>
    void navigate({ from: '/partners', to: '/partners', search: (prev) => ({ ...withoutRetired(prev), ...patch }), replace, resetScroll: false });

  const filters: PartnerListFilters = {
    type: search.type ?? null,
    status: search.status ?? null,
    tier: search.tier ?? null,
    kycStatus: search.kycStatus ?? null,
  };
  const sort: PartnerListSort = search.sort ? { field: search.sort, direction: search.dir ?? firstDirection(search.sort) } : DEFAULT_SORT;

  return {
    filters,
    sort,
    /** The search text as applied (the box shows what is being typed). */
    q: search.q ?? '',
    setFilter<K extends keyof PartnerListFilters>(key: K, value: PartnerListFilters[K]) {
      update({ [key]: value ?? undefined });
    },
    setQuery(q: string) {
      // Starting a search is a history entry (Back returns to the list before it); refining it is not.
      update({ q: q || undefined }, Boolean(search.q));
    },
    toggleSort(field: PartnerSortField) {
      const direction = sort.field === field ? (sort.direction === 'asc' ? 'desc' : 'asc') : firstDirection(field);
      update({ sort: field, dir: direction });
    },
    clear() {
      update({ type: undefined, status: undefined, tier: undefined, kycStatus: undefined, q: undefined });
    },
  };
}
