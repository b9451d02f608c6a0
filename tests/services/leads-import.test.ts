import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, ownWorkspace, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { activePartner, leadInput, portalUser, submitLead } from '../support/leads';
import { csvText, encode, importRow, IMPORT_HEADER, leadsOfImport, runImport } from '../support/imports';

/**
 * CSV import on every engine: detection and mapping, the per-row checks and report, duplicates
 * inside the file and against earlier leads, the monthly quota, all-or-nothing writing,
 * idempotency, and who may import for which partner.
 */
describe.each(engines)('lead CSV import on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('previews a Windows-1252, semicolon file: encoding, delimiter, suggested mapping; the next preview offers the mapping used last', async () => {
    const partner = await activePartner(s);
    const rows = [importRow({ 'Contact name': 'Jürgen Müller', Company: 'Société Générale' }), importRow()];
    const bytes = encode(csvText(rows, { delimiter: ';' }), 'windows-1252');
    const preview = await call(s.app, 'leads.previewImport', { partnerId: partner.id, fileName: 'export.csv', contentBase64: bytes.toString('base64') }, admin());
    expect(preview).toMatchObject({ encoding: 'windows-1252', delimiter: ';', mappingSource: 'suggested' });
    expect(preview.columns.map((c) => c.target)).toEqual(['contactName', 'company', 'email', 'phone', 'country', 'jobTitle', 'estimatedValue', 'notes', 'extra']);
    expect(preview.rows[0]?.[0]).toBe('Jürgen Müller');
    expect(preview.rows[0]?.[1]).toBe('Société Générale');

    const mapping = preview.columns.map((c) => (c.header === 'Source' ? { ...c, target: 'ignore' as const } : c));
    const done = await runImport(s, admin(), bytes, { partnerId: partner.id, mapping });
    expect(done).toMatchObject({ status: 'completed', encoding: 'windows-1252', delimiter: ';', totalRows: 2, accepted: 2, refused: 0 });
    const again = await call(s.app, 'leads.previewImport', { partnerId: partner.id, fileName: 'next.csv', contentBase64: bytes.toString('base64') }, admin());
    expect(again.mappingSource).toBe('remembered');
    expect(again.columns).toEqual(mapping);
    const [lead] = (await leadsOfImport(s, done.id)).filter((l) => l.contactName === 'Jürgen Müller');
    expect(lead).toMatchObject({ company: 'Société Générale', type: 'import_batch', status: 'submitted', extra: [], estimatedValueMinor: 1_250_000 });
  });

  it('UTF-8 with and without the byte order mark read the same', async () => {
    const partner = await activePartner(s);
    const text = csvText([importRow({ 'Contact name': 'São Paulo Ltda contact' })]);
    for (const encoding of ['utf-8', 'utf-8-bom'] as const) {
      const preview = await call(s.app, 'leads.previewImport', { partnerId: partner.id, fileName: 'x.csv', contentBase64: encode(text, encoding).toString('base64') }, admin());
      expect(preview.encoding).toBe(encoding);
      expect(preview.columns[0]?.header).toBe('Contact name');
      expect(preview.rows[0]?.[0]).toBe('São Paulo Ltda contact');
    }
  });

  it('an import past the monthly quota imports what fits and refuses the rest, naming the quota', async () => {
    const partner = await activePartner(s, { terms: { commissionModel: 'percentage', rateBp: 1000, monthlyLeadQuota: 5 } });
    await submitLead(s, admin(), leadInput({ partnerId: partner.id }));
    const done = await runImport(s, admin(), encode(csvText(Array.from({ length: 7 }, () => importRow())), 'utf-8'), { partnerId: partner.id });
    expect(done).toMatchObject({ accepted: 4, refused: 3 });
    const report = await call(s.app, 'leads.importReport', { id: done.id }, admin());
    expect(report.csv).toMatch(/Monthly lead quota reached: .* may submit 5 leads a month and had submitted 1 in \d{4}-\d{2} before this import/);
  });

  it('all or nothing: a partner suspended before the rows are written fails the import and leaves no lead', async () => {
    const partner = await activePartner(s);
    const bytes = encode(csvText(Array.from({ length: 300 }, () => importRow())), 'utf-8');
    const preview = await call(s.app, 'leads.previewImport', { partnerId: partner.id, fileName: 'x.csv', contentBase64: bytes.toString('base64') }, admin());
    const countsBefore = await call(s.app, 'leads.counts', {}, admin());
    const started = await call(s.app, 'leads.startImport', { partnerId: partner.id, fileName: 'x.csv', contentBase64: bytes.toString('base64'), mapping: preview.columns, idempotencyKey: 'atomic-0001' }, admin());
    expect(started.status).toBe('running');
    // The worker is still starting: the suspension commits before the write re-reads the partner.
    await call(s.app, 'partners.suspend', { id: partner.id, reason: 'Audit pending' }, admin());
    await s.app.services.leads.whenImportSettled(started.id);
    const failed = await call(s.app, 'leads.import', { id: started.id }, admin());
    expect(failed).toMatchObject({ status: 'failed', accepted: 0 });
    expect(failed.failure).toMatch(/is suspended: only active partners can submit leads/);
    expect(await leadsOfImport(s, started.id)).toHaveLength(0);
    expect(await call(s.app, 'leads.counts', {}, admin())).toEqual(countsBefore);
    expect(await callError(s.app, 'leads.importReport', { id: started.id }, admin())).toMatchObject({ code: 'validation', message: expect.stringMatching(/nothing was imported/) });
  });

  it('a retried start with the same idempotency key returns the first import and imports once', async () => {
    const partner = await activePartner(s);
    const bytes = encode(csvText([importRow(), importRow()]), 'utf-8');
    const preview = await call(s.app, 'leads.previewImport', { partnerId: partner.id, fileName: 'x.csv', contentBase64: bytes.toString('base64') }, admin());
    const input = { partnerId: partner.id, fileName: 'x.csv', contentBase64: bytes.toString('base64'), mapping: preview.columns, idempotencyKey: 'retry-key-0001' };
    const [a, b] = await Promise.all([call(s.app, 'leads.startImport', input, admin()), call(s.app, 'leads.startImport', input, admin())]);
    expect(b.id).toBe(a.id);
    await s.app.services.leads.whenImportSettled(a.id);
    const c = await call(s.app, 'leads.startImport', input, admin());
    expect(c).toMatchObject({ id: a.id, status: 'completed', accepted: 2 });
    expect(await leadsOfImport(s, a.id)).toHaveLength(2);
  });

  it('bad files and mappings are refused with a clear error and change nothing', async () => {
    const partner = await activePartner(s);
    const good = encode(csvText([importRow()]), 'utf-8');
    const preview = await call(s.app, 'leads.previewImport', { partnerId: partner.id, fileName: 'x.csv', contentBase64: good.toString('base64') }, admin());
    const start = (bytes: Buffer, mapping = preview.columns) => ({ partnerId: partner.id, fileName: 'x.csv', contentBase64: bytes.toString('base64'), mapping, idempotencyKey: `bad-${Math.random().toString(36).slice(2)}` });
    const refused = async (input: ReturnType<typeof start>, message: RegExp) => {
      const error = await unchanged(s.app, () => callError(s.app, 'leads.startImport', input, admin()));
      expect(error).toMatchObject({ code: 'validation' });
      expect(error.message).toMatch(message);
    };
    await refused(start(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj')), /This is a PDF, not a CSV file/);
    await refused(start(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('C\0o\0n\0t\0a\0c\0t\0', 'latin1')])), /not a CSV text file/);
    await refused(start(good, preview.columns.map((c) => (c.target === 'contactName' ? { ...c, target: 'ignore' as const } : c))), /contact name/);
    await refused(start(good, preview.columns.map((c) => (c.target === 'email' || c.target === 'phone' ? { ...c, target: 'extra' as const } : c))), /email address or the phone number/);
    await refused(start(good, preview.columns.map((c) => (c.target === 'company' ? { ...c, target: 'contactName' as const } : c))), /both fill the same field/);
    await refused(start(good, preview.columns.slice(1)), /does not match the file's header/);
    const wide = Array.from({ length: 200 }, (_, i) => `Column ${i}`);
    await refused(start(encode(csvText([wide], { header: wide }), 'utf-8'), wide.map((header) => ({ header, target: 'extra' as const })).slice(0, 100)), /200 columns; at most 100/);
    expect(await callError(s.app, 'leads.previewImport', { partnerId: partner.id, fileName: 'x.csv', contentBase64: '' }, admin())).toMatchObject({ code: 'validation', field: 'contentBase64' });
  });

  it('a 10 MB cell refuses its row, not the file', async () => {
    const partner = await activePartner(s);
    const rows = [importRow(), importRow({ Notes: 'x'.repeat(10 * 1024 * 1024) }), importRow()];
    const done = await runImport(s, admin(), encode(csvText(rows), 'utf-8'), { partnerId: partner.id });
    expect(done).toMatchObject({ accepted: 2, refused: 1 });
    const report = await call(s.app, 'leads.importReport', { id: done.id }, admin());
    expect(report.csv).toMatch(/The ""Notes"" cell is 10,485,760 characters long; at most 10,000 are read/);
  });

  it('who may import for which partner: partner lead managers for their own, never a viewer, another partner or another workspace', async () => {
    const partner = await activePartner(s);
    const other = await activePartner(s);
    const portal = await portalUser(s, partner.id, 'partner_lead_manager');
    const viewer = await portalUser(s, partner.id, 'partner_viewer');
    const bytes = encode(csvText([importRow()]), 'utf-8');
    const own = await runImport(s, portal.token, bytes);
    expect(own).toMatchObject({ status: 'completed', accepted: 1, partner: { id: partner.id }, createdBy: null });
    expect((await leadsOfImport(s, own.id))[0]).toMatchObject({ partnerId: partner.id, submittedByType: 'partner_user' });
    const preview = { partnerId: other.id, fileName: 'x.csv', contentBase64: bytes.toString('base64') };
    expect(await callError(s.app, 'leads.previewImport', preview, portal.token)).toMatchObject({ code: 'not_found' });
    expect(await callError(s.app, 'leads.previewImport', { ...preview, partnerId: partner.id }, viewer.token)).toMatchObject({ code: 'forbidden' });
    // The portal user's import is visible to them; another partner's user and another workspace see nothing.
    expect((await call(s.app, 'leads.imports', {}, portal.token)).rows.map((r) => r.id)).toEqual([own.id]);
    const stranger = await portalUser(s, other.id, 'partner_admin');
    expect(await callError(s.app, 'leads.import', { id: own.id }, stranger.token)).toMatchObject({ code: 'not_found' });
    expect(await callError(s.app, 'leads.importReport', { id: own.id }, stranger.token)).toMatchObject({ code: 'not_found' });
    const elsewhere = await ownWorkspace(s);
    expect(await callError(s.app, 'leads.import', { id: own.id }, elsewhere.token)).toMatchObject({ code: 'not_found' });
    expect(await callError(s.app, 'leads.previewImport', preview, elsewhere.token)).toMatchObject({ code: 'not_found' });
    // Staff see it in the workspace's list, with who ran it.
    const listed = (await call(s.app, 'leads.imports', { partnerId: partner.id }, admin())).rows;
    expect(listed[0]).toMatchObject({ id: own.id, createdBy: { name: 'Portal partner_lead_manager' } });
  });

  it('the header row may use other names and orders; an import of only a header imports nothing', async () => {
    const partner = await activePartner(s);
    const header = ['E-Mail Address', 'Full Name', 'Telefon', 'Organisation'];
    const bytes = encode(csvText([['ada@lovelace-ltd.example', 'Ada Lovelace', '+44 20 7946 0018', 'Lovelace Ltd']], { header }), 'utf-8');
    const preview = await call(s.app, 'leads.previewImport', { partnerId: partner.id, fileName: 'x.csv', contentBase64: bytes.toString('base64') }, admin());
    expect(preview.columns.map((c) => c.target)).toEqual(['email', 'contactName', 'phone', 'company']);
    const done = await runImport(s, admin(), bytes, { partnerId: partner.id });
    expect(done.accepted).toBe(1);
    const empty = await runImport(s, admin(), encode(csvText([], { header: IMPORT_HEADER }), 'utf-8'), { partnerId: partner.id });
    expect(empty).toMatchObject({ status: 'completed', totalRows: 0, accepted: 0, refused: 0 });
  });

  it('an import left running by a stopped process is marked failed at the next start, audited as the system', async () => {
    const partner = await activePartner(s);
    const { leadImports } = s.app.database.t;
    const id = `interrupted-${Date.now()}`;
    await s.app.database.write((tx) =>
      tx.insert(leadImports).values({
        id,
        tenantId: s.tenantId,
        partnerId: partner.id,
        fileName: 'big.csv',
        byteSize: 10,
        encoding: 'utf-8',
        delimiter: ',',
        mapping: [],
        status: 'running',
        totalRows: 0,
        accepted: 0,
        refused: 0,
        duplicates: 0,
        failure: null,
        report: [],
        idempotencyKey: id,
        createdBy: s.admin.userId,
        createdAt: new Date(Date.now() - 2 * 86_400_000),
        finishedAt: null,
      }),
    );
    const { rows } = await audited(s.app, s.tenantId, ['lead.import_failed'], () => s.app.services.leads.failInterruptedImports(), id);
    expect(rows[0]?.actorType).toBe('system');
    expect(await call(s.app, 'leads.import', { id }, admin())).toMatchObject({ status: 'failed', failure: expect.stringMatching(/interrupted/) });
  });

  it('10,000 rows with bad ones mixed in: each bad row refused with its reason, the rest imported in one go, counted, audited once; the report neutralises formulas', async () => {
    const partner = await activePartner(s);
    const earlier = await submitLead(s, admin(), leadInput({ partnerId: partner.id, email: 'taken@earlier-co.example' }));
    const rows: string[][] = [];
    const bad = new Map<number, RegExp>();
    for (let i = 1; i <= 10_000; i++) {
      if (i % 1000 === 1) {
        rows.push(importRow({ Email: 'not-an-email' }));
        bad.set(i, /Email: Enter a valid email address/);
      } else if (i % 1000 === 2) {
        rows.push(importRow({ 'Contact name': '  ' }));
        bad.set(i, /Contact name is required/);
      } else if (i % 1000 === 3) {
        rows.push(importRow({ Phone: '12', Email: '' }));
        bad.set(i, /Phone/);
      } else if (i % 1000 === 4) {
        rows.push(importRow({ 'Estimated value': 'lots' }));
        bad.set(i, /Estimated value: ""lots"" is not an amount/);
      } else {
        rows.push(importRow());
      }
    }
    rows[499] = importRow({ Notes: '=HYPERLINK("http://evil.example","click")', 'Contact name': '=cmd|calc' });
    rows[4999] = importRow({ Email: 'TAKEN@earlier-co.example' });
    rows[7004] = importRow({ Email: 'twin@same-file.example' });
    rows[7005] = importRow({ Email: 'twin@same-file.example' });
    const countsBefore = await call(s.app, 'leads.counts', {}, admin());
    const { result: done } = await audited(s.app, s.tenantId, ['lead.import_started', 'lead.import_completed'], () => runImport(s, admin(), encode(csvText(rows), 'utf-8'), { partnerId: partner.id }));
    expect(done).toMatchObject({ status: 'completed', totalRows: 10_000, accepted: 10_000 - bad.size, refused: bad.size, duplicates: 2, failure: null, phase: 'done' });
    const leads = await leadsOfImport(s, done.id);
    expect(leads).toHaveLength(10_000 - bad.size);
    const countsAfter = await call(s.app, 'leads.counts', {}, admin());
    expect(countsAfter.byStatus.submitted - countsBefore.byStatus.submitted).toBe(10_000 - bad.size);
    expect(countsAfter.duplicatesByStatus.submitted - countsBefore.duplicatesByStatus.submitted).toBe(2);

    // Duplicates: against the earlier lead, and the file's second twin against its first.
    const byRowEmail = (email: string) => leads.filter((l) => l.email === email);
    expect(byRowEmail('taken@earlier-co.example')[0]).toMatchObject({ duplicateFlag: true, duplicateOf: earlier.id });
    const [first, second] = byRowEmail('twin@same-file.example').sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(first).toMatchObject({ duplicateFlag: false });
    expect(second).toMatchObject({ duplicateFlag: true, duplicateOf: first!.id });
    expect(second!.score).toBeLessThan(first!.score);
    // Unknown column kept as an extra field.
    expect(leads[0]?.extra).toEqual([{ key: 'Source', value: 'Webinar' }]);

    const report = await call(s.app, 'leads.importReport', { id: done.id }, admin());
    expect(report.fileName).toBe('leads-report.csv');
    const lines = report.csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"Row","Outcome","Lead id","Contact name","Email","Reason","Duplicate of"');
    expect(lines).toHaveLength(10_001);
    for (const [row, reason] of bad) {
      const line = lines[row]!;
      expect(line.startsWith(`${row},"refused",,`)).toBe(true);
      expect(line).toMatch(reason);
    }
    expect(lines[500]).toContain(`"'=cmd|calc"`);
    expect(lines[5000]).toContain(`"accepted"`);
    expect(lines[5000]).toContain(earlier.id);
  });
});
