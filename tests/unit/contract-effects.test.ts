import { describe, expect, it } from 'vitest';
import { contract, DOMAINS, domainOf, PROCEDURE_NAMES } from '../../src-shared/contract';
import { mutationAffects } from '../../src-shared/contract/effects';

const mutations = PROCEDURE_NAMES.filter((n) => contract[n].kind === 'mutation');
const queries = PROCEDURE_NAMES.filter((n) => contract[n].kind === 'query');

describe('declared mutation effects', () => {
  it.each(mutations)('%s declares what it changes, the audit trail included', (name) => {
    const { effects } = contract[name];
    expect(effects.length).toBeGreaterThan(0);
    // Every mutation writes its audit row in the same transaction.
    expect(effects).toContain('activity');
    for (const d of effects) expect(DOMAINS).toContain(d);
    expect(new Set(effects).size).toBe(effects.length);
  });

  it('queries change nothing', () => {
    for (const name of queries) expect(contract[name].effects).toEqual([]);
  });

  it('every procedure belongs to a known domain', () => {
    for (const name of PROCEDURE_NAMES) expect(DOMAINS).toContain(domainOf(name));
  });

  it('derives cache invalidation from the declaration', () => {
    expect(mutationAffects('partners.banking.set', 'partners.get')).toBe(true);
    expect(mutationAffects('partners.banking.set', 'activity.list')).toBe(true);
    expect(mutationAffects('partners.banking.set', 'staff.list')).toBe(false);
    // Revealing banking changes nothing but the trail: the partner is not refetched.
    expect(mutationAffects('partners.banking.reveal', 'partners.get')).toBe(false);
    expect(mutationAffects('partners.banking.reveal', 'activity.list')).toBe(true);
    // A role change may be the caller's own: the session (and what it may do) is refetched.
    expect(mutationAffects('staff.changeRole', 'auth.session')).toBe(true);
    // The workspace rule on KYC changes which partner actions are available.
    expect(mutationAffects('workspaces.updateSettings', 'partners.get')).toBe(true);
  });
});
