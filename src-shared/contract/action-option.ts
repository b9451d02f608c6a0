/*
 * What the caller may do with one entity now, decided once by the server for the caller's
 * session. The pattern every domain copies (partners and their documents now; leads and
 * payouts next):
 *
 * 1. The entity's output type carries `actions: ActionOption<Action>[]` (and, for operations
 *    that are not status changes, a second list keyed by procedure name).
 * 2. A pure domain function computes the list from the entity's state, the caller's role and
 *    the workspace's rules (src-main/domain/partners/partner-actions.ts: `partnerActions`).
 *    - An action the caller's role may never take is left out.
 *    - An action the workflow does not offer from the current state is left out.
 *    - An action the workflow offers but a rule blocks right now is listed with
 *      `enabled: false` and a `reason`: the same sentence the service throws when it is
 *      called anyway, shown beside the disabled button.
 * 3. The service attaches the list to every output of the entity (get and each mutation), and
 *    still enforces each rule when the action is called.
 * 4. The renderer draws buttons from the list and decides nothing itself; for actions that do
 *    not depend on the entity's state it asks `useCan(procedure)` (the contract's access).
 */

export interface ActionOption<A extends string> {
  action: A;
  enabled: boolean;
  /** Why the action is disabled, as a sentence for the user; null when enabled. */
  reason: string | null;
  /** Whether the caller must type a reason to take it (from the domain's transition table). */
  needsReason: boolean;
}

/** The option for `action`, if the caller is offered it at all. */
export function optionFor<A extends string>(options: readonly ActionOption<A>[], action: A): ActionOption<A> | undefined {
  return options.find((o) => o.action === action);
}
