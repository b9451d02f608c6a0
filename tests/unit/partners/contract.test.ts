import { describe, expect, it } from 'vitest';
import { defineContract } from '../../../src-shared/contract/procedure';
import { contract as existing } from '../../../src-shared/contract/index';
import { createPartnerInput, listPartnersInput, partners, updatePartnerInput } from '../../../src-shared/contract/partners';

const all = partners;

function issues(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown) {
  const r = schema.safeParse(v);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

const validCreate = {
  type: 'channel_partner',
  legalName: '  Acme Distribution GmbH ',
  contact: { name: 'Jane Doe', email: 'Jane@Acme.example', phone: '+49 30 1234567' },
  country: 'de',
  terms: { commissionModel: 'percentage', rateBp: 1500 },
};

describe('partners contract', () => {
  it('names every procedure domain.verb, with access and a doc line', () => {
    for (const [name, proc] of Object.entries(all)) {
      expect(name).toMatch(/^(partners|partnerUsers)(\.[a-z][A-Za-z]*)+$/);
      expect(proc.doc.length).toBeGreaterThan(10);
      expect(Array.isArray(proc.access) && proc.access.length > 0).toBe(true);
    }
  });

  it('is registered in the contract, and a name defined twice is refused', () => {
    for (const name of Object.keys(all)) expect(Object.keys(existing)).toContain(name);
    expect(() => defineContract(existing, partners)).toThrow(/defined twice/);
  });

  it('gives reads to all staff, writes to admin, reveal to admin and finance', () => {
    expect(partners['partners.list'].access).toEqual(['admin', 'manager', 'finance', 'viewer']);
    expect(partners['partners.create'].access).toEqual(['admin']);
    expect(partners['partners.approve'].access).toEqual(['admin', 'manager']);
    expect(partners['partners.banking.reveal'].access).toEqual(['admin', 'finance']);
    expect(partners['partners.users.create'].access).toEqual(['admin']);
  });

  it('parses a minimal create with defaults and normalisation', () => {
    const parsed = createPartnerInput.parse(validCreate);
    expect(parsed).toMatchObject({
      legalName: 'Acme Distribution GmbH',
      country: 'DE',
      payoutMethod: 'bank_transfer',
      contact: { email: 'jane@acme.example' },
      terms: { commissionModel: 'percentage', rateBp: 1500, fixedPriceMinor: 0, tier: 'bronze', monthlyLeadQuota: 0 },
    });
    expect(parsed.code).toBeUndefined(); // the service generates one
    expect(createPartnerInput.parse({ ...validCreate, code: '' }).code).toBeUndefined();
  });

  it('gives human, field-specific messages', () => {
    expect(issues(createPartnerInput, { ...validCreate, country: 'XX' })).toEqual([
      'country: Unknown country: use an ISO 3166 two-letter code such as DE or US',
    ]);
    expect(issues(createPartnerInput, { ...validCreate, legalName: ' ' })).toEqual(['legalName: Legal name is required']);
    expect(issues(createPartnerInput, { ...validCreate, terms: { commissionModel: 'hybrid', rateBp: 20000 } })).toEqual([
      'terms.rateBp: Rate must be between 0% and 100%',
    ]);
    expect(issues(createPartnerInput, { ...validCreate, contact: { ...validCreate.contact, phone: 'call me' } })).toEqual([
      'contact.phone: Enter a phone number such as +44 20 7946 0958',
    ]);
    expect(issues(createPartnerInput, { ...validCreate, status: 'active' })[0]).toMatch(/status/);
  });

  it('bounds the list page and defaults its sort', () => {
    expect(listPartnersInput.parse({})).toEqual({ sort: { field: 'createdAt', direction: 'desc' }, limit: 50, q: undefined });
    expect(issues(listPartnersInput, { limit: 101 })).toEqual(['limit: At most 100 rows per page']);
    expect(issues(listPartnersInput, { sort: { field: 'password' } })).toEqual(['sort.field: Unknown sort field']);
    expect(listPartnersInput.parse({ q: '  acme ', status: 'active', sort: { field: 'legalName' } })).toMatchObject({
      q: 'acme',
      status: 'active',
      sort: { field: 'legalName', direction: 'asc' },
    });
  });

  it('does not let update touch status or banking', () => {
    expect(issues(updatePartnerInput, { id: 'p1', status: 'active' })).toHaveLength(1);
    expect(issues(updatePartnerInput, { id: 'p1', banking: {} })).toHaveLength(1);
    expect(updatePartnerInput.parse({ id: 'p1', legalName: 'New' })).toMatchObject({ id: 'p1', legalName: 'New' });
  });

  it('requires reasons where the workflow does', () => {
    expect(issues(partners['partners.reject'].input, { id: 'p1' })).toHaveLength(1);
    expect(issues(partners['partners.suspend'].input, { id: 'p1', reason: '  ' })).toEqual(['reason: A reason is required']);
    expect(issues(partners['partners.approve'].input, { id: 'p1' })).toEqual([]);
  });

  it('takes a password or an invite for a new portal user', () => {
    const input = partners['partners.users.create'].input;
    const base = { partnerId: 'p1', name: 'Ann', email: 'ann@acme.example', role: 'partner_admin' };
    expect(issues(input, { ...base, credential: { mode: 'invite' } })).toEqual([]);
    expect(issues(input, { ...base, credential: { mode: 'password', password: 'short' } })).toEqual([
      'credential.password: Password must be at least 12 characters',
    ]);
    expect(issues(input, { ...base, role: 'admin', credential: { mode: 'invite' } })).toEqual(['role: Choose admin, lead manager or viewer']);
  });
});
