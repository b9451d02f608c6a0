/**
 * The domains whose data the app keeps. A procedure belongs to the domain its name starts with
 * (`partners.banking.set` → partners); a mutation declares which domains' data it changes, and
 * the renderer's cache invalidation and the live-update feed derive from that declaration.
 * A new domain is added here once.
 */
export const DOMAINS = ['auth', 'workspaces', 'staff', 'activity', 'partners', 'leads', 'credits', 'payouts', 'portal'] as const;
export type Domain = (typeof DOMAINS)[number];

/** The domain of a procedure name: its first segment. */
export function domainOf(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
}
