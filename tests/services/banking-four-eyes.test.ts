import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call, signIn, STRONG_PASSWORD, passwordChosen } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, createPartner, partnerRow, setUpPartnerSuite, unchanged, unique, type PartnerSuite } from '../support/partners';

/** Three valid IBANs, the first two sharing their last four digits (and their masked form). */
const IBAN_A = 'DE89370400440532013000';
const IBAN_B = 'DE48500105170532013000';
const iban = (value: string, holder = 'Rhein Partner GmbH') => ({ method: 'iban' as const, accountHolder: holder, bankName: 'Commerzbank', iban: value, bic: 'COBADEFFXXX' });
const REVEAL_FIRST = { code: 'conflict', message: 'Reveal the new details first, then verify' };

/**
 * Four eyes on banking changes (issue 9, point 5), on every engine: the verifying admin must have
 * revealed the new details after the change; an admin whose account or admin role is newer than
 * the change cannot verify it; the trail tells accounts apart by a keyed fingerprint, never by
 * the account itself.
 */
describe.each(engines)('banking changes: four eyes on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  /** A new admin of the suite's workspace, added now (so after anything done before this call), signed in. */
  async function newAdmin(): Promise<{ token: string; userId: string }> {
    const email = `late-${unique()}@acme.test`;
    const { userId } = await call(s.app, 'staff.add', { name: 'Late Admin', email, role: 'admin', password: STRONG_PASSWORD }, admin());
    await passwordChosen(s.app, { userId });
    return { token: await signIn(s.app, email), userId };
  }

  it('refuses to verify until the verifying admin revealed the details after the change', async () => {
    const { app, tenantId } = s;
    const { admin2, finance } = s.staff;
    const partner = await createPartner(app, admin());
    const id = partner.id;
    await call(app, 'partners.banking.set', { id, details: iban(IBAN_A) }, admin());

    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id }, admin2.token))).toEqual(REVEAL_FIRST);
    // Someone else's reveal does not count, nor does the changer's own.
    await call(app, 'partners.banking.reveal', { id }, finance.token);
    await call(app, 'partners.banking.reveal', { id }, admin());
    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id }, admin2.token))).toEqual(REVEAL_FIRST);

    // A reveal of the details before a later change does not count for the new ones.
    await call(app, 'partners.banking.reveal', { id }, admin2.token);
    await call(app, 'partners.banking.set', { id, details: iban(IBAN_B) }, admin());
    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id }, admin2.token))).toEqual(REVEAL_FIRST);

    const { row: revealed } = await audited(app, tenantId, ['partner.banking_revealed'], () => call(app, 'partners.banking.reveal', { id }, admin2.token), id);
    const { result, row: verified } = await audited(app, tenantId, ['partner.banking_verified'], () => call(app, 'partners.banking.verify', { id }, admin2.token), id);
    expect(result).toMatchObject({ bankingOnHold: false });
    // The trail shows the verified details are the revealed ones.
    expect(verified?.details.fingerprint).toBe(revealed?.details.fingerprint);
  });

  it('refuses an admin whose account was created after the change, and one who became admin after it', async () => {
    const { app } = s;
    const partner = await createPartner(app, admin());
    const id = partner.id;
    // The suite's clock ticks on every read: whatever is created from here on is newer than the change.
    await call(app, 'partners.banking.set', { id, details: iban(IBAN_A) }, admin());

    // "Create a new admin to approve my own change": the new admin looks, and is refused.
    const late = await newAdmin();
    await call(app, 'partners.banking.reveal', { id }, late.token);
    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id }, late.token))).toEqual({
      code: 'forbidden',
      message: 'Your account was created after this banking change: an admin who was already there must verify it',
    });

    // An older account promoted to admin after the change: refused too.
    const { manager } = s.staff;
    await call(app, 'staff.changeRole', { userId: manager.userId, role: 'admin' }, admin());
    // staff.changeRole records when the role began (memberships.role_since).
    const promoted = await signIn(app, 'manager@acme.test');
    await call(app, 'partners.banking.reveal', { id }, promoted);
    try {
      expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id }, promoted))).toEqual({
        code: 'forbidden',
        message: 'You became an admin after this banking change: an admin who already held the role must verify it',
      });
    } finally {
      await call(app, 'staff.changeRole', { userId: manager.userId, role: 'manager' }, admin());
    }

    // An admin from before the change, having looked, may.
    await call(app, 'partners.banking.reveal', { id }, s.staff.admin2.token);
    expect(await call(app, 'partners.banking.verify', { id }, s.staff.admin2.token)).toMatchObject({ bankingOnHold: false });
    expect((await partnerRow(app, id)).bankingVerifiedBy).toBe(s.staff.admin2.userId);

    // The late admin is old enough for the next change.
    await call(app, 'partners.banking.set', { id, details: iban(IBAN_B) }, admin());
    await call(app, 'partners.banking.reveal', { id }, late.token);
    expect(await call(app, 'partners.banking.verify', { id }, late.token)).toMatchObject({ bankingOnHold: false });
  });

  it('names the details in the trail by a keyed fingerprint: same last four told apart, same details recognised, never the account', async () => {
    const { app, tenantId } = s;
    const changed = async (details: ReturnType<typeof iban>, partnerId?: string) => {
      const id = partnerId ?? (await createPartner(app, admin())).id;
      const { row } = await audited(app, tenantId, ['partner.banking_changed'], () => call(app, 'partners.banking.set', { id, details }, admin()), id);
      return { id, details: row?.details as { to: string; fingerprint: string } };
    };
    const a = await changed(iban(IBAN_A));
    const b = await changed(iban(IBAN_B));
    // The masked forms are the same; the fingerprints are not.
    expect(a.details.to).toBe('IBAN •••• 3000');
    expect(b.details.to).toBe('IBAN •••• 3000');
    expect(a.details.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(b.details.fingerprint).not.toBe(a.details.fingerprint);
    // The same details, written another way (spaces, lower case) and on another partner: the same fingerprint.
    const again = await changed({ ...iban('de89 3704 0044 0532 0130 00'), bic: 'cobadeffxxx' });
    expect(again.details.fingerprint).toBe(a.details.fingerprint);
    // Any other difference (the holder) changes it.
    expect((await changed(iban(IBAN_A, 'Rhein Partner AG'))).details.fingerprint).not.toBe(a.details.fingerprint);
    // The reveal names what was seen with the same fingerprint.
    const { row } = await audited(app, tenantId, ['partner.banking_revealed'], () => call(app, 'partners.banking.reveal', { id: b.id }, admin()), b.id);
    expect(row?.details.fingerprint).toBe(b.details.fingerprint);

    const trail = JSON.stringify(await app.database.raw('SELECT details FROM activity'));
    for (const secret of [IBAN_A, IBAN_B, '370400440532013000', '500105170532013000']) expect(trail).not.toContain(secret);
    expect(await call(app, 'activity.verify', {}, admin())).toMatchObject({ ok: true, problems: [] });
  });
});
