import { createRoute } from '@tanstack/react-router';
import type { z } from 'zod';
import { listLeadsInput, queueLeadsInput } from '@shared/contract/leads';
import { id } from '@shared/contract/fields';
import { staffRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';
import { searchFrom } from '../../router/search';

/**
 * The URL's `?duplicate=true` is JSON (a boolean) already; a hand-typed `yes`/`no` is not, and is
 * dropped like any other value the procedure would refuse.
 */
const filterFields = { partnerId: true, type: true, minScore: true, maxScore: true, duplicate: true, status: true, olderThanDays: true } as const;

/** The queue's filters in the URL, from `leads.queue`'s own input schema (the cursor and page size stay out). */
export const leadQueueSearch = searchFrom({
  ...queueLeadsInput.pick(filterFields).shape,
  /** The lead shown in the detail pane, so a reload or a shared link opens the same one. */
  lead: id,
});
export type LeadQueueSearch = z.infer<typeof leadQueueSearch>;

/** The list's filters in the URL, from `leads.list`'s own input schema. */
export const leadListSearch = searchFrom(listLeadsInput.pick(filterFields).shape);
export type LeadListSearch = z.infer<typeof leadListSearch>;

export const leadQueueRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'leads/review',
  staticData: { procedure: 'leads.queue' },
  validateSearch: leadQueueSearch,
  component: lazyScreen(() => import('./ReviewQueue'), 'ReviewQueue'),
});

export const leadListRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'leads',
  staticData: { procedure: 'leads.list' },
  validateSearch: leadListSearch,
  component: lazyScreen(() => import('./LeadList'), 'LeadList'),
});

/** Admins only: the route names the procedure that saves the settings, whose access is admin (reading them is open to all staff, for the reject dialogs). */
export const leadSettingsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'leads/settings',
  staticData: { procedure: 'leads.updateSettings' },
  component: lazyScreen(() => import('./LeadSettingsScreen'), 'LeadSettingsScreen'),
});

/** Staff pick the partner here; the route names the procedure that starts an import (admins and managers). */
export const leadImportRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'leads/import',
  staticData: { procedure: 'leads.startImport' },
  component: lazyScreen(() => import('./import/ImportScreen'), 'ImportScreen'),
});

export const leadDetailRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'leads/$id',
  staticData: { procedure: 'leads.get' },
  component: lazyScreen(() => import('./LeadDetail'), 'LeadDetailScreen'),
});
