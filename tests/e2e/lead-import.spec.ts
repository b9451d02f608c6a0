import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { LeadQueuePage, api } from './pages/leads-page';
import { LeadImportPage } from './pages/lead-import-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };
const HEADER = ['Contact name', 'Company', 'Email', 'Phone', 'Country', 'Job title', 'Estimated value', 'Notes', 'Source'];
const FORMULA = '=HYPERLINK("http://evil.example","click")';

/**
 * A partner's export as a German Excel writes it: Windows-1252, semicolons, CRLF. 50 data rows:
 * row 7 with a malformed email, row 19 without a contact name, row 33 with a formula in its
 * name and notes (accepted, neutralised in the report), rows 41 and 42 with the same email
 * (the second flagged as a duplicate of the first).
 */
function partnerExport(): Buffer {
  const rows: string[][] = [];
  for (let i = 1; i <= 50; i++) {
    rows.push([`José Müller ${i}`, `Bäckerei Größe ${i} GmbH`, `jose.mueller${i}@baeckerei-${i}.de`, `+49 30 9018${String(100 + i)}`, 'DE', 'Geschäftsführer', '12500', 'Messe Köln', 'Webinar']);
  }
  rows[6]![2] = 'jose.mueller.at.baeckerei';
  rows[18]![0] = '';
  rows[32]![0] = FORMULA;
  rows[32]![7] = FORMULA;
  rows[41]![2] = rows[40]![2]!;
  const cell = (c: string) => (/[";\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const text = [HEADER, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
  // Latin-1 and Windows-1252 agree on every letter used here (é, ü, ä, ö, ß).
  return Buffer.from(text, 'latin1');
}

/** Many valid rows with the same headers (their own emails, phones and companies). */
function largeExport(n: number): Buffer {
  const lines = [HEADER.join(';')];
  for (let i = 1; i <= n; i++) lines.push(`Kunde ${i};Firma ${i} AG;kunde${i}@firma-${i}.de;+49 30 ${20_000_000 + i};DE;Einkauf;5000;;Webinar`);
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}

test('CSV import: preview a Windows-1252 file, map a column to Ignore, import, read the report, find the leads in the queue', async ({ page }, testInfo) => {
  // A 20 MiB refusal, two imports and a 20,000-row file on a 2-core machine.
  test.setTimeout(300_000);
  const shell = new AppShell(page);
  const importer = new LeadImportPage(page);
  const queue = new LeadQueuePage(page);
  const shot = async (name: string) => {
    const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) });
    await testInfo.attach(name, { body, contentType: 'image/png' });
  };
  let partnerId = '';

  await test.step('first run and an active partner through the API', async () => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
    await setup.submit.click();
    await expect(shell.userMenu).toBeVisible();
    await api(page.request, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false });
    const partner = await api<{ id: string }>(page.request, 'partners.create', {
      type: 'channel_partner',
      legalName: 'Globex Distribution GmbH',
      displayName: 'Globex',
      contact: { name: 'Hanna Vogel', email: 'partners@globex.test' },
      country: 'DE',
      terms: { commissionModel: 'percentage', rateBp: 1000 },
    });
    await api(page.request, 'partners.approve', { id: partner.id });
    partnerId = partner.id;
  });

  await test.step('the review queue header leads to the import screen', async () => {
    await page.getByTestId('nav-lead-review').click();
    await page.getByTestId('leads-import-open').click();
    await expect(page).toHaveURL(/\/leads\/import$/);
    await expect(page.getByRole('heading', { name: 'Import leads' })).toBeVisible();
    await shot('import-empty');
  });

  await test.step('a file over 20 MiB is refused at once', async () => {
    await importer.chooseFile('huge.csv', Buffer.alloc(20 * 1024 * 1024 + 1, 0x61));
    await expect(importer.fileError).toContainText('larger than 20 MB');
    await expect(importer.fileChosen).toHaveCount(0);
  });

  await test.step('partner and file: the preview shows the encoding, the delimiter and the suggested mapping', async () => {
    await importer.choosePartner('Globex');
    await importer.chooseFile('globex-messe-koeln.csv', partnerExport());
    await expect(importer.fileChosen).toContainText('globex-messe-koeln.csv');
    await expect(importer.preview).toBeVisible();
    await expect(importer.encoding).toHaveText('Windows-1252');
    await expect(importer.delimiter).toHaveText('semicolon separated');
    await expect(importer.suggested).toBeVisible();
    await expect(importer.columns).toHaveCount(HEADER.length);
    await expect(importer.previewRows).toHaveCount(10);
    // Decoded as Windows-1252: the umlauts read right.
    await expect(importer.previewRows.first()).toContainText('José Müller 1');
    await expect(importer.previewRows.first()).toContainText('Bäckerei Größe 1 GmbH');
    await expect(importer.target('Contact name')).toHaveValue('Contact name');
    await expect(importer.target('Email')).toHaveValue('Email');
    await expect(importer.target('Estimated value')).toHaveValue('Estimated value');
    await expect(importer.target('Source')).toHaveValue('Keep as extra field');
    await importer.mapColumn('Source', 'Ignore');
    await expect(importer.target('Source')).toHaveValue('Ignore');
    await shot('import-preview');
  });

  await test.step('without a contact name column the server names what is missing beside the table', async () => {
    await importer.mapColumn('Contact name', 'Ignore');
    await importer.start.click();
    await expect(importer.mappingError).toContainText(/contact name/i);
    await shot('import-mapping-error');
    await importer.mapColumn('Contact name', 'Contact name');
    await expect(importer.mappingError).toHaveCount(0);
  });

  await test.step('start: the import runs, then shows accepted, refused and flagged duplicates', async () => {
    await importer.start.click();
    await expect(importer.result).toBeVisible({ timeout: 30_000 });
    await expect(importer.result).toHaveAttribute('data-status', 'completed');
    await expect(importer.accepted).toHaveText('48');
    await expect(importer.refused).toHaveText('2');
    await expect(importer.duplicates).toHaveText('1');
    await expect(importer.recentRows).toHaveCount(1);
    await expect(importer.recentRows.first()).toContainText('globex-messe-koeln.csv');
    await expect(importer.recentRows.first()).toContainText('48 / 2');
    await shot('import-result');
  });

  await test.step('the report: every row with its outcome, the reasons of the refused ones, formulas neutralised', async () => {
    const downloading = page.waitForEvent('download');
    await importer.report.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0), 'a BOM, so spreadsheets read it as UTF-8').toBe(0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines).toHaveLength(51);
    expect(lines[7]).toMatch(/refused/);
    expect(lines[7]).toMatch(/Email/);
    expect(lines[19]).toMatch(/refused/);
    expect(lines[19]).toMatch(/contact name/i);
    expect(lines[33]).toMatch(/accepted/);
    expect(lines[33]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines[1]).toContain('José Müller 1');
    expect(csv.split('\n').filter((l) => l.includes('"refused"'))).toHaveLength(2);
  });

  await test.step('the review queue, filtered by the partner, holds the imported leads', async () => {
    await importer.openQueue.click();
    await expect(page).toHaveURL(new RegExp(`/leads/review\\?.*partnerId=${partnerId}`));
    await expect(page.getByTestId('queue-loaded')).toHaveAttribute('data-loaded', '48');
    await expect(queue.rows.first()).toContainText('Müller');
    await shot('import-queue');
  });

  await test.step('a larger file for the same partner with the same headers: the mapping is remembered, the progress shows', async () => {
    await page.goto('/leads/import');
    await importer.choosePartner('Globex');
    await importer.chooseFile('globex-webinars.csv', largeExport(20_000));
    await expect(importer.remembered).toBeVisible();
    await expect(importer.target('Source')).toHaveValue('Ignore');
    await importer.start.click();
    // Shown from startImport's answer, before the first poll.
    await expect(importer.progress).toBeVisible();
    await expect(importer.progressText).toHaveText(/Reading the file|Checking rows… [\d,]+ of 20,000|Writing 20,000 leads…/);
    await shot('import-progress');
    await expect(importer.result).toHaveAttribute('data-status', 'completed', { timeout: 150_000 });
    await expect(importer.accepted).toHaveText('20,000');
    await expect(importer.refused).toHaveText('0');
    await expect(importer.recentRows).toHaveCount(2);
  });
});
