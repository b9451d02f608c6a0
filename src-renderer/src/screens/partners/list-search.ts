import type { PartnerListSearch } from './routes';

/**
 * The partner list's search params when it was last shown, so that "← Partners" on a detail
 * returns to the list as it was left (the browser's Back does so from the history anyway).
 */
let last: PartnerListSearch = {};

export function rememberPartnerListSearch(search: PartnerListSearch): void {
  last = search;
}

export function lastPartnerListSearch(): PartnerListSearch {
  return last;
}
