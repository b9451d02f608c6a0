import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { LeadDetailPage, LeadQueuePage, SubmitLeadDrawer, api } from './pages/leads-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };

interface Created {
  id: string;
}
interface Submitted {
  lead: { id: string; version: number; duplicateFlag: boolean; score: number };
}

let keys = 0;
/** A lead submitted through the API on a partner's behalf, as the other specs prepare their data. */
async function submitLead(request: APIRequestContext, partnerId: string, lead: Record<string, unknown>): Promise<Submitted['lead']> {
  const result = await api<Submitted>(request, 'leads.submit', { partnerId, type: 'new_lead', idempotencyKey: `e2e-lead-${++keys}-${Date.now()}`, ...lead });
  return result.lead;
}

async function activePartner(request: APIRequestContext, legalName: string, displayName: string, email: string): Promise<string> {
  const partner = await api<Created>(request, 'partners.create', {
    type: 'channel_partner',
    legalName,
    displayName,
    contact: { name: `Contact of ${displayName}`, email },
    country: 'DE',
    terms: { commissionModel: 'percentage', rateBp: 1000 },
  });
  await api(request, 'partners.approve', { id: partner.id });
  return partner.id;
}

test('review queue: submit leads, then work the queue with the keyboard only', async ({ page }, testInfo) => {
  const shell = new AppShell(page);
  const queue = new LeadQueuePage(page);
  const drawer = new SubmitLeadDrawer(page);
  const detail = new LeadDetailPage(page);
  const shot = async (name: string) => {
    const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) });
    await testInfo.attach(name, { body, contentType: 'image/png' });
  };
  let globex = '';
  let initech = '';

  await test.step('first run, two active partners and four leads through the API (one a duplicate of another)', async () => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
    await setup.submit.click();
    await expect(shell.userMenu).toBeVisible();
    // KYC is not what this spec is about: approval without verified KYC.
    await api(page.request, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false });
    globex = await activePartner(page.request, 'Globex Distribution GmbH', 'Globex', 'partners@globex.test');
    initech = await activePartner(page.request, 'Initech Resale Ltd', 'Initech', 'partners@initech.test');
    await submitLead(page.request, globex, {
      contactName: 'Mara Keller',
      company: 'Keller Systems GmbH',
      email: 'mara.keller@keller-systems.de',
      phone: '+49 30 901820',
      country: 'DE',
      jobTitle: 'Head of IT',
      productInterest: 'Platform licence',
      estimatedValueMinor: 4_000_000,
    });
    await submitLead(page.request, initech, { contactName: 'Tom Baker', email: 'tom.baker1987@gmail.com' });
    await submitLead(page.request, globex, {
      contactName: 'Jon Park',
      company: 'Park Logistics',
      email: 'jon@park-logistics.co.uk',
      phone: '+44 20 7946 0958',
      country: 'GB',
      estimatedValueMinor: 900_000,
    });
    const duplicate = await submitLead(page.request, initech, { contactName: 'Mara K.', company: 'Keller Systems', email: 'Mara.Keller@keller-systems.de', country: 'DE' });
    expect(duplicate.duplicateFlag, 'same email as an earlier live lead: flagged').toBe(true);
  });

  await test.step('submit a lead on behalf of a partner through the form (money typed as text)', async () => {
    await page.getByTestId('nav-lead-review').click();
    await expect(queue.rows).toHaveCount(4);
    await drawer.open.click();
    await drawer.fill({ partner: 'Globex', contactName: 'Eva Lindqvist', company: 'Nordic Retail AB', email: 'eva.lindqvist@nordic-retail.se', phone: '+46 8 123 456 78', value: '12500.50' });
    await shot('leads-submit');
    await drawer.submit.click();
    await expect(drawer.form).toHaveCount(0);
    await expect(queue.rows).toHaveCount(5);
    // The new lead is the one shown in the pane.
    await expect(queue.detailTitle).toHaveText('Eva Lindqvist');
    await expect(page.getByTestId('lead-estimated-value')).toContainText('12,500.50');
  });

  await test.step('the queue is in the server order (highest score first) and shows the keys', async () => {
    await page.goto('/leads/review');
    await expect(queue.rows).toHaveCount(5);
    const scores = await queue.scores();
    expect(scores, 'scores never rise down the list').toEqual([...scores].sort((a, b) => b - a));
    await expect(queue.legend).toContainText('Approve');
    await expect(queue.activeRow).toHaveCount(1);
    await expect(queue.rows.first()).toHaveAttribute('data-active', 'true');
    await expect(queue.breakdownLines).toHaveCount(6);
    await queue.key('?');
    await expect(queue.help).toBeVisible();
    await queue.key('Escape');
    await expect(queue.help).toHaveCount(0);
    await shot('leads-queue');
  });

  await test.step('j and k move through the list', async () => {
    await queue.key('j');
    await expect(queue.rows.nth(1)).toHaveAttribute('data-active', 'true');
    await queue.key('j');
    await expect(queue.rows.nth(2)).toHaveAttribute('data-active', 'true');
    await queue.key('k');
    await queue.key('k');
    await expect(queue.rows.nth(0)).toHaveAttribute('data-active', 'true');
  });

  await test.step('keys do nothing while typing in a field', async () => {
    await queue.partnerFilter.click();
    await page.keyboard.type('ar');
    await expect(queue.decisionForm).toHaveCount(0);
    await queue.key('Escape');
    await page.getByRole('heading', { name: 'Review queue' }).click();
  });

  let approvedName = '';
  await test.step('a approves the active lead (Enter confirms), c converts it with a deal value', async () => {
    approvedName = (await queue.detailTitle.textContent()) ?? '';
    await queue.key('a');
    await expect(queue.decisionForm).toHaveAttribute('data-action', 'approve');
    await expect(queue.crmId).toBeFocused();
    await page.keyboard.type('CRM-1001');
    await queue.key('Enter');
    await expect(queue.decisionForm).toHaveCount(0);
    await expect(queue.detailStatus).toHaveAttribute('data-status', 'approved');
    // Decided: it leaves the queue, and stays in the pane for the next step.
    await expect(queue.rows).toHaveCount(4);
    await expect(queue.row(approvedName)).toHaveCount(0);

    await queue.key('c');
    await expect(queue.decisionForm).toHaveAttribute('data-action', 'convert');
    await expect(queue.dealValue).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('48000');
    await queue.key('Enter');
    await expect(queue.decisionForm).toHaveCount(0);
    await expect(queue.detailStatus).toHaveAttribute('data-status', 'converted');
    await expect(page.getByTestId('lead-deal-value')).toContainText('48,000.00');
  });

  let rejectedName = '';
  await test.step('j moves on to the lead that took its place; r rejects it with a reason', async () => {
    await queue.key('j');
    await expect(queue.rows.nth(0)).toHaveAttribute('data-active', 'true');
    rejectedName = (await queue.detailTitle.textContent()) ?? '';
    expect(rejectedName).not.toBe(approvedName);
    await queue.key('r');
    await expect(queue.rejectReason).toBeFocused();
    // Typing "a" and "c" in the reason is text, not a shortcut.
    await page.keyboard.type('Outside our sales area; contact came via a trade fair');
    await expect(queue.confirm).toBeEnabled();
    await page.keyboard.press('Control+Enter');
    await expect(queue.decisionForm).toHaveCount(0);
    await expect(queue.detailStatus).toHaveAttribute('data-status', 'rejected');
    await expect(queue.rows).toHaveCount(3);
    await expect(page.getByTestId('lead-count-rejected')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('lead-count-converted')).toHaveAttribute('data-count', '1');
  });

  await test.step('the duplicate shows the earlier lead beside it, with a link to it', async () => {
    await queue.row('Mara K.').getByTestId('queue-row-open').click();
    await expect(queue.detailTitle).toHaveText('Mara K.');
    await expect(queue.duplicatePanel).toBeVisible();
    await expect(queue.duplicatePanel).toContainText('Globex');
    await expect(page.getByTestId('lead-duplicate-compare')).toContainText('mara.keller@keller-systems.de');
    await shot('leads-queue-duplicate');
  });

  await test.step('another reviewer decides first: a clear conflict, and the lead is re-read', async () => {
    const active = await queue.detail.getAttribute('data-lead-id');
    const lead = await api<{ version: number }>(page.request, 'leads.get', { id: active });
    // The other reviewer, through the API with the same version the pane holds.
    await api(page.request, 'leads.reject', { id: active, version: lead.version, reason: 'Earlier registration by Globex wins' });
    await queue.key('a');
    await expect(queue.decisionForm).toHaveAttribute('data-action', 'approve');
    await queue.key('Enter');
    await expect(queue.conflict).toBeVisible();
    await expect(queue.detailStatus).toHaveAttribute('data-status', 'rejected');
    await expect(queue.rows).toHaveCount(2);
  });

  await test.step('x selects the remaining two; bulk approve asks first and reports per lead', async () => {
    await queue.rows.nth(0).getByTestId('queue-row-open').click();
    await queue.key('x');
    await queue.key('j');
    await queue.key('x');
    await expect(queue.selectedCount).toHaveText('2 selected');
    await queue.bulkApprove.click();
    await expect(queue.bulkRows).toHaveCount(2);
    await queue.bulkConfirm.click();
    await expect(queue.bulkSummary).toHaveText('2 of 2 approved.');
    await expect(queue.bulkRows.and(page.locator('[data-ok="true"]'))).toHaveCount(2);
    await shot('leads-bulk');
    await queue.bulkClose.click();
    await expect(page.getByText('The queue is empty')).toBeVisible();
    await expect(page.getByTestId('lead-count-approved')).toHaveAttribute('data-count', '2');
  });

  await test.step('o opens the lead page: score breakdown and its history', async () => {
    await queue.key('o');
    await expect(detail.root).toBeVisible();
    await expect(detail.breakdownLines).toHaveCount(6);
    await expect(detail.historyRows.first()).toBeVisible();
    const actions = await detail.historyRows.evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { action: string } }).dataset.action));
    expect(actions.some((a) => a.startsWith('lead.')), `lead actions in the history: ${actions.join(', ')}`).toBe(true);
    await shot('leads-detail');
  });

  await test.step('the lead list shows every lead with its status, filtered from the URL', async () => {
    await page.getByTestId('nav-leads').click();
    await expect(page.getByTestId('lead-row')).toHaveCount(5);
    await page.goto('/leads?status=approved');
    await expect(page.getByTestId('lead-row')).toHaveCount(2);
    await page.goto(`/leads?partnerId=${initech}`);
    await expect(page.getByTestId('lead-row')).toHaveCount(2);
    await page.goto('/leads');
    await expect(page.getByTestId('lead-row').filter({ hasText: approvedName })).toHaveAttribute('data-status', 'converted');
    await expect(page.getByTestId('lead-row').filter({ hasText: rejectedName })).toHaveAttribute('data-status', 'rejected');
    await shot('leads-list');
    expect(globex).not.toBe('');
  });
});
