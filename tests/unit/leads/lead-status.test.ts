import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import { STAFF_ROLES } from '../../../src-shared/contract/roles';
import { LEAD_ACTIONS, LEAD_FIELD_LIMITS, LEAD_STATUSES, LIVE_LEAD_STATUSES, PENDING_LEAD_STATUSES, type LeadAction, type LeadStatus } from '../../../src-shared/contract/leads/values';
import {
  availableLeadActions,
  canRolePerformLeadAction,
  isFinalLeadStatus,
  LEAD_TRANSITIONS,
  leadActionNeedsReason,
  nextLeadStatus,
  reasonForLeadTransition,
  transitionLead,
} from '../../../src-main/domain/leads/lead-status';

// The specification of DOMAIN.md, written out independently of the table under test.
const ALLOWED: ReadonlyArray<[LeadStatus, LeadAction, LeadStatus]> = [
  ['submitted', 'start_review', 'under_review'],
  ['submitted', 'approve', 'approved'],
  ['submitted', 'reject', 'rejected'],
  ['under_review', 'approve', 'approved'],
  ['under_review', 'reject', 'rejected'],
  ['approved', 'convert', 'converted'],
];

function expected(status: LeadStatus, action: LeadAction): LeadStatus | null {
  return ALLOWED.find(([from, a]) => from === status && a === action)?.[2] ?? null;
}

describe('lead status machine', () => {
  const cases = LEAD_STATUSES.flatMap((status) => LEAD_ACTIONS.map((action) => [status, action] as const));

  it('covers every status × action pair (5 × 4)', () => {
    expect(cases).toHaveLength(20);
  });

  it.each(cases)('%s + %s', (status, action) => {
    const next = expected(status, action);
    const result = transitionLead(status, action);
    if (next === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toBeInstanceOf(AppError);
        expect(result.error.code).toBe('invalid_transition');
        expect(result.error.message).toMatch(/^Cannot .+ a lead that is .+[.]$/);
        expect(result.error.message).toContain(status.replace('_', ' '));
      }
      expect(() => nextLeadStatus(status, action)).toThrow(AppError);
    } else {
      expect(result).toEqual({ ok: true, next });
      expect(nextLeadStatus(status, action)).toBe(next);
    }
  });

  it('explains refusals in plain words', () => {
    const message = (s: LeadStatus, a: LeadAction) => (transitionLead(s, a) as { ok: false; error: AppError }).error.message;
    expect(message('converted', 'approve')).toBe('Cannot approve a lead that is converted: converted leads are final.');
    expect(message('rejected', 'reject')).toBe('Cannot reject a lead that is rejected: rejected leads are final.');
    expect(message('submitted', 'convert')).toBe('Cannot convert a lead that is submitted: only an approved lead can be marked as converted.');
    expect(message('under_review', 'start_review')).toBe('Cannot start reviewing a lead that is under review: someone is already reviewing it.');
    expect(message('approved', 'reject')).toBe('Cannot reject a lead that is approved.');
  });

  it('lists the available actions per status', () => {
    expect(availableLeadActions('submitted')).toEqual(['start_review', 'approve', 'reject']);
    expect(availableLeadActions('under_review')).toEqual(['approve', 'reject']);
    expect(availableLeadActions('approved')).toEqual(['convert']);
    expect(availableLeadActions('rejected')).toEqual([]);
    expect(availableLeadActions('converted')).toEqual([]);
  });

  it('makes converted and rejected final, and nothing else', () => {
    expect(LEAD_STATUSES.filter(isFinalLeadStatus)).toEqual(['rejected', 'converted']);
  });

  it('keeps the pending and live sets consistent with the table', () => {
    // Pending = a decision (approve/reject) is still open.
    expect(LEAD_STATUSES.filter((s) => availableLeadActions(s).includes('approve'))).toEqual([...PENDING_LEAD_STATUSES]);
    expect(LEAD_STATUSES.filter((s) => !(LIVE_LEAD_STATUSES as readonly LeadStatus[]).includes(s))).toEqual(['rejected']);
  });

  it('requires a reason exactly for reject', () => {
    expect(LEAD_ACTIONS.filter(leadActionNeedsReason)).toEqual(['reject']);
  });

  it('checks and trims reasons', () => {
    expect(() => reasonForLeadTransition('reject', '   ')).toThrow(expect.objectContaining({ code: 'validation', field: 'reason', message: 'A reason is required to reject a lead' }));
    expect(() => reasonForLeadTransition('reject', undefined)).toThrow(AppError);
    expect(() => reasonForLeadTransition('reject', null)).toThrow(AppError);
    expect(reasonForLeadTransition('reject', '  Not in our territory ')).toBe('Not in our territory');
    expect(reasonForLeadTransition('approve', '')).toBeNull();
    expect(reasonForLeadTransition('convert', null)).toBeNull();
    expect(reasonForLeadTransition('start_review', 'taking it')).toBe('taking it');
  });

  it('refuses a reason longer than the limit', () => {
    const limit = LEAD_FIELD_LIMITS.rejectionReason;
    expect(reasonForLeadTransition('reject', 'x'.repeat(limit))).toHaveLength(limit);
    expect(() => reasonForLeadTransition('reject', 'x'.repeat(limit + 1))).toThrow(expect.objectContaining({ code: 'validation', field: 'reason' }));
  });

  it('lets admin and manager take every action, and nobody else', () => {
    for (const action of LEAD_ACTIONS) {
      for (const role of STAFF_ROLES) {
        expect(canRolePerformLeadAction(role, action)).toBe(role === 'admin' || role === 'manager');
      }
      expect([...LEAD_TRANSITIONS[action].roles]).toEqual(['admin', 'manager']);
    }
  });
});
