import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { LeadQueuePage, api } from './pages/leads-page';
import { LeadSettingsPage } from './pages/lead-settings-page';

const ADMIN = { name: 'Ada Admin', email: 'ada@northwind.test', password: 'orbit lantern cobalt meadow 7' };

interface Lead {
  id: string;
  version: number;
  score: number;
  status: string;
  rejectionReason: string | null;
}

let keys = 0;
async function submitLead(request: APIRequestContext, partnerId: string, lead: Record<string, unknown>): Promise<Lead> {
  const result = await api<{ lead: Lead }>(request, 'leads.submit', { partnerId, type: 'new_lead', idempotencyKey: `e2e-settings-${++keys}-${Date.now()}`, ...lead });
  return result.lead;
}

test('lead settings: change a weight, preview it on recent leads, save, rescore with confirmation; reject with a standard reason', async ({ page }, testInfo) => {
  const shell = new AppShell(page);
  const queue = new LeadQueuePage(page);
  const settings = new LeadSettingsPage(page);
  const shot = async (name: string) => {
    const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) });
    await testInfo.attach(name, { body, contentType: 'image/png' });
  };
  const leads: Lead[] = [];

  await test.step('first run, an active partner and three leads through the API', async () => {
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
    leads.push(
      await submitLead(page.request, partner.id, {
        contactName: 'Mara Keller',
        company: 'Keller Systems GmbH',
        email: 'mara.keller@keller-systems.de',
        phone: '+49 30 901820',
        country: 'DE',
        jobTitle: 'Head of IT',
        productInterest: 'Platform licence',
        estimatedValueMinor: 4_000_000,
      }),
    );
    leads.push(await submitLead(page.request, partner.id, { contactName: 'Tom Baker', email: 'tom.baker1987@gmail.com' }));
    leads.push(await submitLead(page.request, partner.id, { contactName: 'Jon Park', company: 'Park Logistics', email: 'jon@park-logistics.co.uk', country: 'GB' }));
  });

  await test.step('the review queue header leads to the settings; the command palette offers them too', async () => {
    await page.getByTestId('nav-lead-review').click();
    await expect(queue.rows).toHaveCount(3);
    await shell.searchPalette('Lead settings');
    await expect(shell.paletteResults.filter({ hasText: 'Lead settings' })).toHaveCount(1);
    await page.keyboard.press('Escape');
    await page.getByTestId('queue-lead-settings').click();
    await expect(page).toHaveURL(/\/leads\/settings$/);
    await expect(settings.root).toBeVisible();
    await expect(settings.weight('completeness')).toHaveValue('20');
  });

  await test.step('a heavier completeness weight, previewed on the recent leads before saving', async () => {
    await settings.setWeight('completeness', 200);
    await settings.previewButton.click();
    await expect(settings.previewSummary).toContainText('Of the 3 most recent leads');
    await expect(settings.previewRows).toHaveCount(3);
    // The complete lead gains: completeness now gives most of the 100 points and it has all seven fields.
    const mara = settings.previewRows.filter({ hasText: 'Mara Keller' });
    await expect(mara).toHaveAttribute('data-old', String(leads[0]!.score));
    const newScore = Number(await mara.getAttribute('data-new'));
    expect(newScore).toBeGreaterThan(leads[0]!.score);
    await expect(settings.previewUp).not.toHaveAttribute('data-count', '0');
    await shot('lead-settings-preview');
    // Nothing is stored by a preview.
    const stored = await api<Lead>(page.request, 'leads.get', { id: leads[0]!.id });
    expect(stored.score).toBe(leads[0]!.score);

    await settings.saveWeights.click();
    await expect(page.getByText('Weights saved')).toBeVisible();
    const saved = await api<{ weights: Record<string, number> }>(page.request, 'leads.settings', {});
    expect(saved.weights.completeness).toBe(200);
    // Saving rewrote no stored score.
    expect((await api<Lead>(page.request, 'leads.get', { id: leads[0]!.id })).score).toBe(leads[0]!.score);
  });

  await test.step('rescoring asks first, says how many pending leads and that it is recorded, then rescores', async () => {
    await settings.rescoreOpen.click();
    await expect(settings.rescoreConfirm).toContainText('3 pending leads');
    await expect(settings.rescoreConfirm).toContainText('recorded in the activity log');
    await shot('lead-settings-rescore-confirm');
    await settings.rescoreRun.click();
    await expect(page.getByText('Pending leads rescored')).toBeVisible();
    await expect(settings.rescoreConfirm).toHaveCount(0);
    const rescored = await api<Lead>(page.request, 'leads.get', { id: leads[0]!.id });
    expect(rescored.score).toBeGreaterThan(leads[0]!.score);
    expect(rescored.version).toBe(leads[0]!.version + 1);
    const trail = await api<{ items: { action: string }[] }>(page.request, 'activity.list', { action: 'lead.rescored', limit: 5 });
    expect(trail.items.length).toBeGreaterThan(0);
  });

  await test.step('reject a lead with a standard reason, picked in the reject dialog', async () => {
    await page.getByTestId('lead-settings-queue').click();
    await expect(queue.rows).toHaveCount(3);
    await queue.row('Tom Baker').getByTestId('queue-row-open').click();
    await expect(queue.detailTitle).toHaveText('Tom Baker');
    await page.getByTestId('lead-action-reject').click();
    await expect(queue.rejectReason).toBeFocused();
    await page.getByTestId('lead-reject-standard').click();
    await page.getByRole('option', { name: 'Already a customer' }).click();
    await expect(queue.rejectReason).toHaveValue('Already a customer');
    await shot('lead-reject-standard-reason');
    await queue.confirm.click();
    await expect(queue.decisionForm).toHaveCount(0);
    const tom = await api<Lead>(page.request, 'leads.get', { id: leads[1]!.id });
    expect(tom).toMatchObject({ status: 'rejected', rejectionReason: 'Already a customer' });
  });
});
