import { describe, expect, it } from 'vitest';
import { ALL_ROLES } from '../../../src-shared/contract/roles';
import { LEAD_STATUSES } from '../../../src-shared/contract/leads/values';
import { leadActions } from '../../../src-main/domain/leads/lead-actions';

describe('leadActions', () => {
  it('offers a manager what the table allows from each status, with the reason rule', () => {
    expect(leadActions('submitted', 'manager')).toEqual([
      { action: 'start_review', enabled: true, reason: null, needsReason: false },
      { action: 'approve', enabled: true, reason: null, needsReason: false },
      { action: 'reject', enabled: true, reason: null, needsReason: true },
    ]);
    expect(leadActions('under_review', 'manager').map((o) => o.action)).toEqual(['approve', 'reject']);
    expect(leadActions('approved', 'manager').map((o) => o.action)).toEqual(['convert']);
    expect(leadActions('rejected', 'manager')).toEqual([]);
    expect(leadActions('converted', 'manager')).toEqual([]);
  });

  it.each(LEAD_STATUSES)('offers the same to admin and manager and nothing to anyone else (%s)', (status) => {
    for (const role of ALL_ROLES) {
      const expected = role === 'admin' || role === 'manager' ? leadActions(status, 'manager') : [];
      expect(leadActions(status, role), role).toEqual(expected);
    }
  });
});
