import { create } from 'zustand';
import type { KycStatus, PartnerSortField, PartnerStatus, PartnerTier, PartnerType } from '@shared/contract';

export interface PartnerListFilters {
  type: PartnerType | null;
  status: PartnerStatus | null;
  tier: PartnerTier | null;
  kycStatus: KycStatus | null;
  /** What is typed in the search box (the query uses a debounced copy). */
  search: string;
}

export interface PartnerListSort {
  field: PartnerSortField;
  direction: 'asc' | 'desc';
}

interface PartnerListState {
  filters: PartnerListFilters;
  sort: PartnerListSort;
  /** 1-based, as Mantine's Pagination counts. */
  page: number;
  setFilter<K extends keyof PartnerListFilters>(key: K, value: PartnerListFilters[K]): void;
  toggleSort(field: PartnerSortField): void;
  setPage(page: number): void;
  clear(): void;
}

const NO_FILTERS: PartnerListFilters = { type: null, status: null, tier: null, kycStatus: null, search: '' };

/** Kept outside the list component so that coming back from a partner's detail restores the list as it was. */
export const usePartnerListStore = create<PartnerListState>()((set) => ({
  filters: NO_FILTERS,
  sort: { field: 'createdAt', direction: 'desc' },
  page: 1,
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value }, page: 1 })),
  toggleSort: (field) =>
    set((s) => ({
      sort:
        s.sort.field === field
          ? { field, direction: s.sort.direction === 'asc' ? 'desc' : 'asc' }
          : { field, direction: field === 'createdAt' || field === 'updatedAt' ? 'desc' : 'asc' },
      page: 1,
    })),
  setPage: (page) => set({ page }),
  clear: () => set({ filters: NO_FILTERS, page: 1 }),
}));
