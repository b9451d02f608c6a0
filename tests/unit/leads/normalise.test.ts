import { describe, expect, it } from 'vitest';
import { companyDomain, normaliseEmail, normalisePhone, normaliseWebsite, PROVIDER_RULES } from '../../../src-main/domain/leads/normalise';
import { FREE_MAIL_DOMAIN_LIST, FREE_MAIL_DOMAINS, isFreeMailDomain } from '../../../src-main/domain/leads/free-mail-domains';

describe('normaliseEmail', () => {
  // [input, stored address, dedupe key]
  const valid: ReadonlyArray<[string, string, string]> = [
    ['  Jane.Doe@Acme.COM ', 'jane.doe@acme.com', 'jane.doe@acme.com'],
    ['jane+crm@acme.com', 'jane+crm@acme.com', 'jane+crm@acme.com'], // unknown domain: "+" is kept
    ['J.A.N.E+newsletter@Gmail.com', 'j.a.n.e+newsletter@gmail.com', 'jane@gmail.com'],
    ['jane.doe@googlemail.com', 'jane.doe@googlemail.com', 'janedoe@gmail.com'],
    ['+tag@gmail.com', '+tag@gmail.com', '+tag@gmail.com'], // nothing before the tag: kept whole
    ['jane.doe+x@outlook.com', 'jane.doe+x@outlook.com', 'jane.doe@outlook.com'], // dots matter at Microsoft
    ['jane+x@hotmail.co.uk', 'jane+x@hotmail.co.uk', 'jane@hotmail.co.uk'],
    ['jane+x@live.com', 'jane+x@live.com', 'jane@live.com'],
    ['jane+x@msn.com', 'jane+x@msn.com', 'jane@msn.com'],
    ['jane+x@icloud.com', 'jane+x@icloud.com', 'jane@icloud.com'],
    ['Jane+x@Me.com', 'jane+x@me.com', 'jane@icloud.com'],
    ['jane@mac.com', 'jane@mac.com', 'jane@icloud.com'],
    ['jane.doe+x@fastmail.com', 'jane.doe+x@fastmail.com', 'jane.doe@fastmail.com'],
    ['jane+x@proton.me', 'jane+x@proton.me', 'jane@proton.me'],
    ['jane+x@protonmail.com', 'jane+x@protonmail.com', 'jane@protonmail.com'],
    ['jane+x@pm.me', 'jane+x@pm.me', 'jane@pm.me'], // not folded into proton.me
    ['jane-x@yahoo.com', 'jane-x@yahoo.com', 'jane-x@yahoo.com'], // Yahoo's "-" aliases are not folded
    ['jane.doe@yahoo.com', 'jane.doe@yahoo.com', 'jane.doe@yahoo.com'],
    ['anna@münchen.de', 'anna@xn--mnchen-3ya.de', 'anna@xn--mnchen-3ya.de'],
    ["o'brien@acme.ie", "o'brien@acme.ie", "o'brien@acme.ie"],
    ['sales@acme.com.', 'sales@acme.com', 'sales@acme.com'],
    ['a@b.co', 'a@b.co', 'a@b.co'],
  ];
  it.each(valid)('%j → %s (key %s)', (input, address, canonical) => {
    const result = normaliseEmail(input);
    expect(result).toEqual({ address, canonical, domain: address.slice(address.lastIndexOf('@') + 1) });
  });

  const invalid: ReadonlyArray<[string | null | undefined, string]> = [
    [undefined, 'absent'],
    [null, 'absent'],
    ['   ', 'blank'],
    ['jane', 'no @'],
    ['@acme.com', 'no local part'],
    ['jane@', 'no domain'],
    ['jane@acme', 'single-label domain'],
    ['jane@acme.c0m', 'numeric top-level label'],
    ['jane@192.168.0.1', 'IP address'],
    ['jane@[192.168.0.1]', 'address literal'],
    ['jane@acme..com', 'empty label'],
    ['jane@-acme.com', 'label starting with a hyphen'],
    ['jane@acme_corp.com', 'underscore in the domain'],
    ['.jane@acme.com', 'leading dot'],
    ['jane.@acme.com', 'trailing dot'],
    ['ja..ne@acme.com', 'double dot'],
    ['ja ne@acme.com', 'space'],
    ['"jane doe"@acme.com', 'quoted local part'],
    ['jäne@acme.com', 'internationalised local part'],
    ['jane@acme.com/x', 'path in the domain'],
    [`${'a'.repeat(65)}@acme.com`, 'local part over 64'],
    [`jane@${'a'.repeat(250)}.com`, 'over 254 characters'],
  ];
  it.each(invalid)('%j is refused (%s)', (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });

  it('folds only the providers it documents, each of them free mail', () => {
    for (const domain of Object.keys(PROVIDER_RULES)) expect(isFreeMailDomain(domain), domain).toBe(true);
  });
});

describe('normaliseWebsite', () => {
  const cases: ReadonlyArray<[string | null | undefined, string | null]> = [
    ['acme.com', 'acme.com'],
    ['https://www.Acme.com/', 'acme.com'],
    ['HTTP://WWW.ACME.COM:8080/about?x=1#team', 'acme.com'],
    ['https://user:secret@acme.com', 'acme.com'],
    ['www.acme.co.uk/contact', 'acme.co.uk'],
    ['ftp://files.acme.com', 'files.acme.com'], // subdomains other than www. stay
    ['shop.acme.com', 'shop.acme.com'],
    ['wwwacme.com', 'wwwacme.com'],
    ['https://bücher.de', 'xn--bcher-kva.de'],
    ['acme.com.', 'acme.com'],
    ['', null],
    [null, null],
    [undefined, null],
    ['localhost', null],
    ['http://192.168.0.1/admin', null],
    ['http://[::1]:3000', null],
    ['acme', null],
    ['acme dot com', null],
    ['https://', null],
    ['not a url at all', null],
  ];
  it.each(cases)('%j → %j', (input, expected) => {
    expect(normaliseWebsite(input)).toBe(expected);
  });
});

describe('companyDomain', () => {
  const cases: ReadonlyArray<[{ email?: string | null; website?: string | null }, string | null, string]> = [
    [{ email: 'jane@Acme.com' }, 'acme.com', 'corporate email'],
    [{ email: 'jane@gmail.com' }, null, 'free mail is not a company domain'],
    [{ email: 'jane@gmail.com', website: 'https://www.acme.com' }, 'acme.com', 'website when the email is free mail'],
    [{ email: 'jane@acme.io', website: 'acme.com' }, 'acme.io', 'the email wins over the website'],
    [{ email: 'jane@www.acme.com' }, 'acme.com', 'www. stripped from an email domain too'],
    [{ website: 'acme.com' }, 'acme.com', 'website alone'],
    [{ website: 'https://gmail.com' }, null, 'a free-mail website is not one either'],
    [{ email: 'not-an-email', website: 'acme.com' }, 'acme.com', 'invalid email falls back to the website'],
    [{ email: 'jane@yahoo.co.uk', website: 'http://localhost' }, null, 'nothing usable'],
    [{}, null, 'no fields'],
  ];
  it.each(cases)('%j → %j (%s)', (fields, expected) => {
    expect(companyDomain(fields)).toBe(expected);
  });
});

describe('normalisePhone', () => {
  // [input, lead country, E.164 or null, valid]
  const cases: ReadonlyArray<[string | null | undefined, string | null | undefined, string | null, boolean]> = [
    ['+49 30 901820', null, '+4930901820', true],
    ['030 901820', 'DE', '+4930901820', true],
    ['030 901820', 'de', '+4930901820', true], // the country is matched case-insensitively
    ['00 49 30 901820', 'DE', '+4930901820', true], // international prefix of the lead's country
    ['(202) 555-0143', 'US', '+12025550143', true],
    ['+1 202-555-0143', 'DE', '+12025550143', true], // an international number ignores the lead's country
    ['020 7946 0958', 'GB', '+442079460958', true],
    ['+44 (0)20 7946 0958', null, '+442079460958', true],
    ['+49 1512 3456789', null, '+4915123456789', true],
    ['+1 201 555 0123 ext. 12', null, '+12015550123', true], // extension dropped
    ['+1 999 555 0123', null, '+19995550123', false], // right length, no such area code
    ['+49 151 2345', null, '+491512345', false],
    ['030 901820', null, null, false], // national number without a country
    ['030 901820', 'XX', null, false], // unknown country: as if none
    ['12', 'DE', null, false],
    ['hello', 'DE', null, false],
    ['', 'DE', null, false],
    [null, 'DE', null, false],
    [undefined, undefined, null, false],
    [`+49 ${'3'.repeat(60)}`, null, null, false], // over the field limit
  ];
  it.each(cases)('%j in %j → %j (valid %j)', (input, country, e164, valid) => {
    const result = normalisePhone(input, country);
    expect(result).toEqual(e164 === null ? null : { e164, valid });
  });
});

describe('free-mail domain list', () => {
  it('holds a few hundred lower-case host names, none twice', () => {
    expect(FREE_MAIL_DOMAIN_LIST.length).toBeGreaterThanOrEqual(300);
    expect(FREE_MAIL_DOMAINS.size).toBe(FREE_MAIL_DOMAIN_LIST.length);
    for (const domain of FREE_MAIL_DOMAIN_LIST) {
      expect(domain, domain).toMatch(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/);
      expect(domain.startsWith('www.'), domain).toBe(false);
    }
  });

  it.each([
    'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com',
    'aol.com', 'icloud.com', 'me.com', 'mac.com', 'gmx.de', 'gmx.net', 'gmx.com', 'web.de', 'mail.ru', 'yandex.ru', 'yandex.com',
    'proton.me', 'protonmail.com', 'zoho.com', 'qq.com', '163.com', '126.com', 'naver.com', 't-online.de', 'orange.fr', 'libero.it',
  ])('includes %s', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(true);
  });

  it.each(['acme.com', 'google.com', 'microsoft.com', 'yahoo.example', 'mail.acme.com', 'gmail.co'])('does not include %s', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(false);
  });
});
