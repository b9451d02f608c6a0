import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import { STAFF_ROLES } from '../../../src-shared/contract/roles';
import { PARTNER_ACTIONS, PARTNER_STATUSES, partners, type PartnerAction, type PartnerStatus } from '../../../src-shared/contract/partners';
import {
  availablePartnerActions,
  canRolePerform,
  nextPartnerStatus,
  PARTNER_TRANSITIONS,
  partnerActionNeedsReason,
  reasonForTransition,
  transitionPartner,
} from '../../../src-main/domain/partners/partner-status';

// The specification, written out independently of the table under test.
const ALLOWED: ReadonlyArray<[PartnerStatus, PartnerAction, PartnerStatus]> = [
  ['pending', 'approve', 'active'],
  ['pending', 'reject', 'rejected'],
  ['active', 'suspend', 'suspended'],
  ['active', 'deactivate', 'inactive'],
  ['suspended', 'reinstate', 'active'],
  ['suspended', 'deactivate', 'inactive'],
  ['inactive', 'reinstate', 'active'],
  ['rejected', 'reapply', 'pending'],
];

function expected(status: PartnerStatus, action: PartnerAction): PartnerStatus | null {
  return ALLOWED.find(([from, a]) => from === status && a === action)?.[2] ?? null;
}

describe('partner status machine', () => {
  const cases = PARTNER_STATUSES.flatMap((status) => PARTNER_ACTIONS.map((action) => [status, action] as const));

  it('covers every status × action pair (5 × 6)', () => {
    expect(cases).toHaveLength(30);
  });

  it.each(cases)('%s + %s', (status, action) => {
    const next = expected(status, action);
    const result = transitionPartner(status, action);
    if (next === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toBeInstanceOf(AppError);
        expect(result.error.code).toBe('invalid_transition');
        expect(result.error.message).toContain(status);
      }
      expect(() => nextPartnerStatus(status, action)).toThrow(AppError);
    } else {
      expect(result).toEqual({ ok: true, next });
      expect(nextPartnerStatus(status, action)).toBe(next);
    }
  });

  it('lists the available actions per status', () => {
    expect(availablePartnerActions('pending')).toEqual(['approve', 'reject']);
    expect(availablePartnerActions('active')).toEqual(['suspend', 'deactivate']);
    expect(availablePartnerActions('suspended')).toEqual(['deactivate', 'reinstate']);
    expect(availablePartnerActions('inactive')).toEqual(['reinstate']);
    expect(availablePartnerActions('rejected')).toEqual(['reapply']);
  });

  it('requires a reason exactly for reject, suspend and deactivate', () => {
    const needing = PARTNER_ACTIONS.filter(partnerActionNeedsReason);
    expect(needing).toEqual(['reject', 'suspend', 'deactivate']);
  });

  it('checks and trims reasons', () => {
    expect(() => reasonForTransition('reject', '   ')).toThrow(expect.objectContaining({ code: 'validation', field: 'reason' }));
    expect(() => reasonForTransition('suspend', undefined)).toThrow(AppError);
    expect(reasonForTransition('suspend', '  fraud suspected ')).toBe('fraud suspected');
    expect(reasonForTransition('approve', '')).toBeNull();
    expect(reasonForTransition('reinstate', null)).toBeNull();
  });

  it('lets admin and manager take every action, and nobody else', () => {
    for (const action of PARTNER_ACTIONS) {
      for (const role of STAFF_ROLES) {
        expect(canRolePerform(role, action)).toBe(role === 'admin' || role === 'manager');
      }
    }
  });

  it('matches the access lists of the contract procedures', () => {
    for (const action of PARTNER_ACTIONS) {
      expect([...partners[`partners.${action}`].access]).toEqual([...PARTNER_TRANSITIONS[action].roles]);
    }
  });
});
