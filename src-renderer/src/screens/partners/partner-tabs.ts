/** The partner detail's tabs, in order; each is the last segment of `/partners/$id/$tab`. */
export const PARTNER_TABS = ['profile', 'kyc', 'banking', 'terms', 'money', 'users', 'activity'] as const;
export type PartnerTab = (typeof PARTNER_TABS)[number];

export function isPartnerTab(value: unknown): value is PartnerTab {
  return typeof value === 'string' && (PARTNER_TABS as readonly string[]).includes(value);
}
