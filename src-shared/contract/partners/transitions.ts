import type { StaffRole } from '../roles';
import type { PartnerAction, PartnerStatus } from './values';

/*
 * The partner status machine as data, in one place: the domain layer (src-main/domain/partners)
 * applies it, and the contract builds each status procedure's access and input from it. Every
 * action has exactly one target status, so the table is keyed by action: where it may start
 * from, where it leads, whether a reason is mandatory (DOMAIN.md marks those transitions with *),
 * and which staff roles may take it.
 *
 * Roles: every action is open to admin and manager. approve is specified so; reject and
 * reinstate mirror it (reject is the other outcome of the same review, reinstate has the same
 * effect as approve: the partner becomes active again). suspend and deactivate only restrict
 * a partner, so a manager who spots fraud in the lead queue must be able to stop it at once
 * rather than wait for an admin. reapply merely puts the partner back into the review queue.
 * finance and viewer decide nothing here.
 */

export interface PartnerTransitionRule {
  readonly from: readonly PartnerStatus[];
  readonly to: PartnerStatus;
  readonly reasonRequired: boolean;
  readonly roles: readonly StaffRole[];
}

const DECIDERS = ['admin', 'manager'] as const satisfies readonly StaffRole[];

export const PARTNER_TRANSITIONS = {
  approve: { from: ['pending'], to: 'active', reasonRequired: false, roles: DECIDERS },
  reject: { from: ['pending'], to: 'rejected', reasonRequired: true, roles: DECIDERS },
  suspend: { from: ['active'], to: 'suspended', reasonRequired: true, roles: DECIDERS },
  deactivate: { from: ['active', 'suspended'], to: 'inactive', reasonRequired: true, roles: DECIDERS },
  reinstate: { from: ['suspended', 'inactive'], to: 'active', reasonRequired: false, roles: DECIDERS },
  reapply: { from: ['rejected'], to: 'pending', reasonRequired: false, roles: DECIDERS },
} as const satisfies Readonly<Record<PartnerAction, PartnerTransitionRule>>;
