/** The partner's recent payouts and credits: shown once the payouts and credits lists take a partner. */
export function MoneyRecent(_props: { partnerId: string }) {
  return null;
}
