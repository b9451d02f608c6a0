import { describe, expect, it } from 'vitest';
import { bankingDetails, type BankingDetails } from '../../../src-shared/contract/partners';
import { bankingSupportsPayoutMethod, maskBanking, maskEmail } from '../../../src-main/domain/partners/banking';

function messages(input: unknown): string[] {
  const r = bankingDetails.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const ibanInput = { method: 'iban', accountHolder: 'Acme GmbH', bankName: 'Commerzbank', iban: 'DE89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' };

describe('banking details schema', () => {
  it('accepts a valid IBAN and BIC and normalises both', () => {
    const parsed = bankingDetails.parse(ibanInput);
    expect(parsed).toEqual({ method: 'iban', accountHolder: 'Acme GmbH', bankName: 'Commerzbank', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
  });

  it('accepts 8-character BICs', () => {
    expect(messages({ ...ibanInput, iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' })).toEqual([]);
  });

  it('refuses a wrong IBAN checksum with a specific message', () => {
    expect(messages({ ...ibanInput, iban: 'DE88 3704 0044 0532 0130 00' })).toEqual(['iban: Invalid IBAN checksum']);
    expect(messages({ ...ibanInput, iban: 'NL92ABNA0417164300' })).toEqual(['iban: Invalid IBAN checksum']);
  });

  it('explains wrong length and countries without IBAN', () => {
    expect(messages({ ...ibanInput, iban: 'NL91ABNA041716430' })).toEqual(['iban: IBAN has the wrong length for its country']);
    expect(messages({ ...ibanInput, iban: 'US12345678901234' })[0]).toMatch(/does not use IBANs/);
    expect(messages({ ...ibanInput, iban: '  ' })).toEqual(['iban: IBAN is required']);
  });

  it('refuses QR-IBANs, which cannot receive credit transfers', () => {
    expect(messages({ ...ibanInput, iban: 'CH4431999123000889012', bic: 'POFICHBEXXX' })).toEqual(['iban: QR-IBANs cannot receive payouts']);
  });

  it('refuses malformed or missing BICs', () => {
    expect(messages({ ...ibanInput, bic: 'DEU1DEFF' })[0]).toMatch(/^bic: Invalid BIC\/SWIFT code/);
    expect(messages({ ...ibanInput, bic: 'DEUTXXFF' })[0]).toMatch(/^bic: Invalid BIC\/SWIFT code/);
    expect(messages({ ...ibanInput, bic: 'DEUTDEF' })[0]).toMatch(/^bic: Invalid BIC\/SWIFT code/);
    expect(messages({ ...ibanInput, bic: '' })).toEqual(['bic: BIC is required']);
    const { bic: _bic, ...noBic } = ibanInput;
    expect(messages(noBic)).toEqual(['bic: BIC is required']);
  });

  it('requires holder and bank name', () => {
    expect(messages({ ...ibanInput, accountHolder: ' ', bankName: '' })).toEqual(['accountHolder: Account holder is required', 'bankName: Bank name is required']);
  });

  it('accepts account number + routing code, BIC optional', () => {
    const parsed = bankingDetails.parse({
      method: 'account_number',
      accountHolder: 'Acme Inc.',
      bankName: 'Chase',
      accountNumber: '000123-456 789',
      routingCode: '021000021',
    });
    expect(parsed).toEqual({ method: 'account_number', accountHolder: 'Acme Inc.', bankName: 'Chase', accountNumber: '000123456789', routingCode: '021000021', bic: undefined });
    expect(
      messages({ method: 'account_number', accountHolder: 'A', bankName: 'B', accountNumber: '12', routingCode: '', bic: 'CHASUS33' }),
    ).toEqual(['accountNumber: Account number must be 4 to 34 letters or digits', 'routingCode: Routing code is required']);
  });

  it('accepts a PayPal email and refuses a bad one', () => {
    expect(bankingDetails.parse({ method: 'paypal', paypalEmail: ' Pay@Example.COM ' })).toEqual({ method: 'paypal', paypalEmail: 'pay@example.com' });
    expect(messages({ method: 'paypal', paypalEmail: 'not-an-email' })).toEqual(['paypalEmail: Enter a valid email address']);
  });

  it('refuses unknown methods and fields of another method', () => {
    expect(messages({ method: 'cash' })).toEqual(['method: Choose IBAN, account number or PayPal']);
    expect(messages({ method: 'paypal', paypalEmail: 'a@b.co', iban: 'x' }).length).toBe(1);
  });
});

describe('maskBanking', () => {
  it('shows only the last four characters', () => {
    const details = bankingDetails.parse(ibanInput);
    expect(maskBanking(details)).toEqual({ method: 'iban', last4: '3000', holder: 'Acme GmbH', bankName: 'Commerzbank', display: 'IBAN •••• 3000' });
    expect(JSON.stringify(maskBanking(details))).not.toContain('37040044');
  });

  it('masks account numbers and PayPal addresses', () => {
    const account: BankingDetails = { method: 'account_number', accountHolder: 'A', bankName: 'B', accountNumber: '000123456789', routingCode: '021000021', bic: undefined };
    expect(maskBanking(account)).toMatchObject({ last4: '6789', display: 'Account •••• 6789' });
    expect(JSON.stringify(maskBanking(account))).not.toContain('021000021');
    expect(maskBanking({ method: 'paypal', paypalEmail: 'jane@example.com' })).toEqual({
      method: 'paypal',
      last4: null,
      holder: null,
      bankName: null,
      display: 'PayPal j•••@example.com',
    });
    expect(maskEmail('nonsense')).toBe('•••');
  });
});

describe('bankingSupportsPayoutMethod', () => {
  const iban = bankingDetails.parse(ibanInput);
  const paypal: BankingDetails = { method: 'paypal', paypalEmail: 'a@b.co' };
  it('matches methods to details', () => {
    expect(bankingSupportsPayoutMethod('bank_transfer', iban)).toBe(true);
    expect(bankingSupportsPayoutMethod('wire', iban)).toBe(true);
    expect(bankingSupportsPayoutMethod('paypal', iban)).toBe(false);
    expect(bankingSupportsPayoutMethod('paypal', paypal)).toBe(true);
    expect(bankingSupportsPayoutMethod('bank_transfer', paypal)).toBe(false);
    expect(bankingSupportsPayoutMethod('bank_transfer', null)).toBe(false);
    expect(bankingSupportsPayoutMethod('check', null)).toBe(true);
  });
});
