import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { actionsOf, audited, createPartner, partnerRow, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';

const PRINTED_IBAN = 'DE89 3704 0044 0532 0130 00';
const IBAN = 'DE89370400440532013000';
const ACCOUNT_NUMBER = '000123456789';
const ibanDetails = (iban = PRINTED_IBAN) => ({ method: 'iban' as const, accountHolder: 'Rhein Partner GmbH', bankName: 'Commerzbank', iban, bic: 'cobade ffxxx' });

/**
 * Banking details on every engine: validation, masking, the four-eyes hold, audited reveal by
 * the roles that pay, and encryption at rest (the raw database never holds the account number).
 */
describe.each(engines)('partners: banking details on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('stores an IBAN masked and on hold; reveal is for admin and finance only, and audited', async () => {
    const { app, tenantId } = s;
    const { manager, finance, viewer } = s.staff;
    const partner = await createPartner(app, admin());
    const id = partner.id;

    const { result, row } = await audited(app, tenantId, ['partner.banking_changed'], () => call(app, 'partners.banking.set', { id, details: ibanDetails() }, admin()), id);
    expect(result.banking).toEqual({ method: 'iban', last4: '3000', holder: 'Rhein Partner GmbH', bankName: 'Commerzbank', display: 'IBAN •••• 3000' });
    expect(result).toMatchObject({ bankingOnHold: true, bankingVerifiedAt: null });
    expect(row).toMatchObject({ actorId: s.admin.userId, details: { code: partner.code, from: null, to: 'IBAN •••• 3000', payoutsOnHold: true } });
    // Everyone who may read the partner sees the masked form only.
    for (const token of [viewer.token, manager.token]) {
      const seen = await call(app, 'partners.get', { id }, token);
      expect(seen.banking?.display).toBe('IBAN •••• 3000');
      expect(JSON.stringify(seen)).not.toContain(IBAN);
    }

    // Reveal: admin and finance, each reveal leaves its row (with the reason given).
    const revealed = { method: 'iban', accountHolder: 'Rhein Partner GmbH', bankName: 'Commerzbank', iban: IBAN, bic: 'COBADEFFXXX' };
    const byAdmin = await audited(app, tenantId, ['partner.banking_revealed'], () => call(app, 'partners.banking.reveal', { id }, admin()), id);
    expect(byAdmin.result).toEqual(revealed);
    expect(byAdmin.row).toMatchObject({ actorId: s.admin.userId, details: { code: partner.code } });
    const byFinance = await audited(app, tenantId, ['partner.banking_revealed'], () => call(app, 'partners.banking.reveal', { id, reason: 'Payment run March' }, finance.token), id);
    expect(byFinance.result).toEqual(revealed);
    expect(byFinance.row).toMatchObject({ actorId: finance.userId, details: { code: partner.code, reason: 'Payment run March' } });
    await unchanged(app, async () => {
      for (const token of [manager.token, viewer.token]) {
        expect(await callError(app, 'partners.banking.reveal', { id }, token)).toMatchObject({ code: 'forbidden' });
      }
      expect(await callError(app, 'partners.banking.set', { id, details: ibanDetails() }, manager.token)).toMatchObject({ code: 'forbidden' });
      expect(await callError(app, 'partners.banking.set', { id, details: ibanDetails() }, finance.token)).toMatchObject({ code: 'forbidden' });
    });
    // A partner without banking details has nothing to reveal.
    const bare = await createPartner(app, admin());
    expect(await unchanged(app, () => callError(app, 'partners.banking.reveal', { id: bare.id }, admin()))).toMatchObject({ code: 'not_found' });
    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id: bare.id }, s.staff.admin2.token))).toMatchObject({ code: 'invalid_transition' });
  });

  it('refuses invalid banking details naming the nested field, and writes nothing', async () => {
    const { app } = s;
    const partner = await createPartner(app, admin());
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [ibanDetails('DE88 3704 0044 0532 0130 00'), 'details.iban', /Invalid IBAN checksum/],
      [ibanDetails('DE89 3704 0044 0532 0130'), 'details.iban', /wrong length/],
      [ibanDetails(''), 'details.iban', /required/],
      [{ ...ibanDetails(), bic: 'NOTABIC' }, 'details.bic', /Invalid BIC/],
      [{ ...ibanDetails(), bic: '' }, 'details.bic', /required/],
      [{ ...ibanDetails(), accountHolder: ' ' }, 'details.accountHolder'],
      [{ ...ibanDetails(), bankName: 'B'.repeat(141) }, 'details.bankName'],
      [{ ...ibanDetails(), accountNumber: ACCOUNT_NUMBER }, 'details', /Unknown field: accountNumber/],
      [{ method: 'account_number', accountHolder: 'X', bankName: 'Y', accountNumber: '12', routingCode: '021000021' }, 'details.accountNumber'],
      [{ method: 'account_number', accountHolder: 'X', bankName: 'Y', accountNumber: ACCOUNT_NUMBER, routingCode: '' }, 'details.routingCode'],
      [{ method: 'paypal', paypalEmail: 'not-an-email' }, 'details.paypalEmail'],
      [{ method: 'crypto', wallet: '0xabc' }, 'details.method'],
    ];
    await unchanged(app, async () => {
      for (const [details, field, message] of cases) {
        const error = await callError(app, 'partners.banking.set', { id: partner.id, details }, admin());
        expect({ details, code: error.code, field: error.field }).toEqual({ details, code: 'validation', field });
        if (message) expect(error.message).toMatch(message);
      }
      expect(await callError(app, 'partners.banking.set', { id: randomUUID(), details: ibanDetails() }, admin())).toMatchObject({ code: 'not_found' });
    });
    expect((await call(app, 'partners.get', { id: partner.id }, admin())).banking).toBeNull();
  });

  it('a change must be verified by a different admin; each change puts payouts on hold again (PayPal, account number)', async () => {
    const { app, tenantId } = s;
    const { admin2, manager } = s.staff;
    const partner = await createPartner(app, admin());
    const id = partner.id;
    await call(app, 'partners.banking.set', { id, details: ibanDetails() }, admin());

    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id }, admin()))).toEqual({
      code: 'forbidden',
      message: 'Banking details must be verified by a different admin than the one who changed them',
    });
    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id }, manager.token))).toMatchObject({ code: 'forbidden' });
    // The second admin looks at the new details first (banking-four-eyes.test.ts: verify refuses otherwise).
    await call(app, 'partners.banking.reveal', { id }, admin2.token);
    const { result: verified, row } = await audited(app, tenantId, ['partner.banking_verified'], () => call(app, 'partners.banking.verify', { id }, admin2.token), id);
    expect(verified).toMatchObject({ bankingOnHold: false, bankingVerifiedAt: expect.any(String), banking: { display: 'IBAN •••• 3000' } });
    expect(row).toMatchObject({ actorId: admin2.userId, details: { code: partner.code, banking: 'IBAN •••• 3000', payoutsOnHold: false } });
    expect((await partnerRow(app, id)).bankingVerifiedBy).toBe(admin2.userId);
    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id }, admin()))).toMatchObject({ code: 'invalid_transition', message: expect.stringMatching(/already verified/) });

    // Switching to PayPal (by the second admin): on hold again, and now the first admin verifies.
    const { result: paypal, row: changed } = await audited(
      app,
      tenantId,
      ['partner.banking_changed'],
      () => call(app, 'partners.banking.set', { id, details: { method: 'paypal', paypalEmail: 'Payouts@Rhein-Partner.test' } }, admin2.token),
      id,
    );
    expect(paypal).toMatchObject({
      banking: { method: 'paypal', last4: null, holder: null, bankName: null, display: 'PayPal p•••@rhein-partner.test' },
      bankingOnHold: true,
      bankingVerifiedAt: null,
    });
    expect(changed?.details).toEqual({ code: partner.code, from: 'IBAN •••• 3000', to: 'PayPal p•••@rhein-partner.test', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), payoutsOnHold: true });
    expect(await call(app, 'partners.banking.reveal', { id }, s.staff.finance.token)).toEqual({ method: 'paypal', paypalEmail: 'payouts@rhein-partner.test' });
    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id }, admin2.token))).toMatchObject({ code: 'forbidden' });
    await call(app, 'partners.banking.reveal', { id }, admin());
    await audited(app, tenantId, ['partner.banking_verified'], () => call(app, 'partners.banking.verify', { id }, admin()), id);

    // Account number and routing code, written the way people write them.
    const { result: account } = await audited(
      app,
      tenantId,
      ['partner.banking_changed'],
      () =>
        call(
          app,
          'partners.banking.set',
          { id, details: { method: 'account_number', accountHolder: 'Rhein Partner Inc', bankName: 'Chase', accountNumber: '0001-2345 6789', routingCode: '021 000 021' } },
          admin(),
        ),
      id,
    );
    expect(account).toMatchObject({ banking: { method: 'account_number', last4: '6789', display: 'Account •••• 6789' }, bankingOnHold: true });
    expect(await call(app, 'partners.banking.reveal', { id }, admin())).toEqual({
      method: 'account_number',
      accountHolder: 'Rhein Partner Inc',
      bankName: 'Chase',
      accountNumber: ACCOUNT_NUMBER,
      routingCode: '021000021',
    });
  });

  it('never stores the IBAN or account number in clear: not in the partner rows, not in the trail, not in the database file', async () => {
    const { app } = s;
    // Its own partners: an IBAN (revealed once) and a US account number.
    const partner = await createPartner(app, admin());
    await call(app, 'partners.banking.set', { id: partner.id, details: ibanDetails() }, admin());
    await call(app, 'partners.banking.reveal', { id: partner.id }, admin());
    const us = await createPartner(app, admin());
    await call(
      app,
      'partners.banking.set',
      { id: us.id, details: { method: 'account_number', accountHolder: 'Rhein Partner Inc', bankName: 'Chase', accountNumber: '0001-2345 6789', routingCode: '021 000 021' } },
      admin(),
    );
    const row = await partnerRow(app, partner.id);
    expect(row.bankingSealed).toMatch(/^v1:[0-9a-f]{16}:/);
    const secrets = [IBAN, PRINTED_IBAN, ACCOUNT_NUMBER, '0001-2345 6789', 'payouts@rhein-partner.test'];

    if (app.database.engine === 'sqlite') {
      const file = join(app.deps.dataDir, 'partnerdesk.sqlite');
      const bytes = [file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path).toString('latin1'));
      expect(bytes.join('').length).toBeGreaterThan(0);
      // The masked form is there (so the search is looking at the right bytes)…
      expect(bytes.some((b) => b.includes('Rhein Partner GmbH'))).toBe(true);
      // …the account identifiers are not.
      for (const secret of secrets) for (const b of bytes) expect(b.includes(secret)).toBe(false);
    }
    const partners = JSON.stringify(await app.database.raw('SELECT * FROM partners'));
    const activity = JSON.stringify(await app.database.raw('SELECT * FROM activity'));
    expect(partners).toContain('IBAN •••• 3000');
    expect(activity).toContain('partner.banking_revealed');
    for (const secret of secrets) {
      expect(partners).not.toContain(secret);
      expect(activity).not.toContain(secret);
    }
  });

  it('left every banking action in the trail, and the chain verifies', async () => {
    // Every banking action, made here: set by one admin, verified by another, revealed.
    const partner = await createPartner(s.app, admin());
    await call(s.app, 'partners.banking.set', { id: partner.id, details: ibanDetails() }, admin());
    await call(s.app, 'partners.banking.reveal', { id: partner.id }, s.staff.admin2.token);
    await call(s.app, 'partners.banking.verify', { id: partner.id }, s.staff.admin2.token);
    await call(s.app, 'partners.banking.reveal', { id: partner.id, reason: 'Payment run' }, s.staff.finance.token);
    const actions = await actionsOf(s.app, s.tenantId);
    for (const action of ['partner.banking_changed', 'partner.banking_verified', 'partner.banking_revealed']) expect(actions).toContain(action);
    expect(await call(s.app, 'activity.verify', {}, admin())).toMatchObject({ ok: true, problems: [] });
  });
});

/**
 * The four-eyes rule as the partner screen sees it: the partner returned to the admin who just
 * changed the banking details offers "Verify banking" disabled, with the reason; another admin
 * gets it enabled, and roles that may not verify are not offered it at all.
 */
describe.each(engines)('partners: banking re-verification offered to the caller on $name', (engine) => {
  let s: PartnerSuite;
  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('disables Verify for the admin who changed the details, with the reason, and enables it for another admin', async () => {
    const { app } = s;
    const { admin2, manager } = s.staff;
    const partner = await createPartner(app, s.admin.token);
    expect(partner.operations.map((o) => o.action)).not.toContain('partners.banking.verify'); // nothing to verify yet
    const changed = await call(app, 'partners.banking.set', { id: partner.id, details: ibanDetails() }, s.admin.token);
    const reason = 'Banking details must be verified by a different admin than the one who changed them';
    expect(changed.operations.find((o) => o.action === 'partners.banking.verify')).toEqual({ action: 'partners.banking.verify', enabled: false, reason, needsReason: false });
    // The reason is the refusal the service gives when called anyway.
    expect(await unchanged(app, () => callError(app, 'partners.banking.verify', { id: partner.id }, s.admin.token))).toEqual({ code: 'forbidden', message: reason });

    const seenByOther = await call(app, 'partners.get', { id: partner.id }, admin2.token);
    expect(seenByOther.operations.find((o) => o.action === 'partners.banking.verify')).toEqual({ action: 'partners.banking.verify', enabled: true, reason: null, needsReason: false });
    expect((await call(app, 'partners.get', { id: partner.id }, manager.token)).operations.map((o) => o.action)).toEqual([]);

    await call(app, 'partners.banking.reveal', { id: partner.id }, admin2.token);
    const verified = await call(app, 'partners.banking.verify', { id: partner.id }, admin2.token);
    expect(verified.operations.map((o) => o.action)).not.toContain('partners.banking.verify');
  });
});
