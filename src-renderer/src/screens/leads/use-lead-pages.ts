import { useCursorPages, type PageFilters } from '../../api/use-cursor-pages';

export type QueueFilters = PageFilters<'leads.queue'>;
export type ListFilters = PageFilters<'leads.list'>;

const PAGE_SIZE = 100;

/** The review queue's keyset pages (use-cursor-pages.ts). */
export function useQueuePages(filters: QueueFilters) {
  return useCursorPages('leads.queue', filters, PAGE_SIZE);
}

/** The lead list's keyset pages. */
export function useListPages(filters: ListFilters) {
  return useCursorPages('leads.list', filters, PAGE_SIZE);
}
