import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { AppShell } from './pages/app-shell';
import { api } from './pages/leads-page';
import { PortalSignInPage } from './pages/portal-sign-in';
import { PortalLeadsPage } from './pages/portal-leads';

/*
 * The portal's own screens as a partner lead manager uses them: the invite link, sign-in (a
 * wrong password refused), submitting a lead (and the duplicate warning that names no other
 * partner), my leads, a manager's rejection with its reason, and the notifications. Staff act
 * through the HTTP API with the admin's cookie, which the portal never takes for its own.
 */

const ADMIN_PASSWORD = 'orbit lantern cobalt meadow 7';
const PORTAL_PASSWORD = 'harbour quartz violet 2031';
const EMAIL = 'lena@globex.test';

async function activePartner(admin: APIRequestContext, legalName: string, email: string): Promise<string> {
  const partner = await api<{ id: string }>(admin, 'partners.create', {
    type: 'channel_partner',
    legalName,
    contact: { name: `Contact of ${legalName}`, email },
    country: 'DE',
    terms: { commissionModel: 'percentage', rateBp: 1000 },
  });
  await api(admin, 'partners.approve', { id: partner.id });
  return partner.id;
}

test('portal: invite, sign-in, submit a lead with its duplicate warning, my leads, a rejection reason and notifications', async ({ page }) => {
  const portal = new PortalSignInPage(page);
  const leads = new PortalLeadsPage(page);
  let token = '';
  let otherPartnerId = '';

  await test.step('staff (API): the workspace, two active partners, a lead manager invited for Globex', async () => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.fill({ workspace: 'Northwind Partner Program', currency: 'EUR', name: 'Ada Admin', email: 'ada@northwind.test', password: ADMIN_PASSWORD });
    await setup.submit.click();
    await expect(new AppShell(page).userMenu).toBeVisible();
    await api(page.request, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false });
    const globex = await activePartner(page.request, 'Globex Distribution GmbH', 'contact@globex.test');
    otherPartnerId = await activePartner(page.request, 'Initech Resale Ltd', 'contact@initech.test');
    const created = await api<{ invite: { token: string } | null }>(page.request, 'partners.users.create', { partnerId: globex, name: 'Lena Lead', email: EMAIL, role: 'partner_lead_manager', credential: { mode: 'invite' } });
    token = created.invite?.token ?? '';
    expect(token).not.toBe('');
    // Another partner registered this contact first: the portal must warn without naming it.
    await api(page.request, 'leads.submit', { partnerId: otherPartnerId, type: 'new_lead', idempotencyKey: 'e2e-initech-1', contactName: 'Mara Keller', company: 'Keller Systems GmbH', email: 'mara.keller@keller-systems.de' });
  });

  await test.step("the staff admin's session does not open the portal: it asks for a portal sign-in, keeping the page", async () => {
    await page.goto('/portal/leads');
    await expect(portal.email).toBeVisible();
    await expect(page).toHaveURL(/\/portal\/sign-in\?redirect=/);
  });

  await test.step('the invite link shows who it is for; the password is chosen twice and signs in', async () => {
    await page.goto(`/portal/invite/${token}`);
    await expect(page.getByTestId('portal-invite-who')).toContainText('Lena Lead');
    await expect(page.getByTestId('portal-invite-who')).toContainText('Globex Distribution GmbH');
    await page.getByTestId('portal-invite-password').fill(PORTAL_PASSWORD);
    await page.getByTestId('portal-invite-confirm').fill(`${PORTAL_PASSWORD}x`);
    await page.getByTestId('portal-invite-submit').click();
    await expect(page.getByText('The passwords do not match')).toBeVisible();
    await portal.acceptInvite(token, PORTAL_PASSWORD);
    await expect(page.getByTestId('portal-workspace-name')).toHaveText('Northwind Partner Program');
    await expect(page.getByTestId('portal-partner-name')).toHaveText('Globex Distribution GmbH');
    // A lead manager has no team, API-key or banking entries.
    await expect(page.getByTestId('portal-nav-leads')).toBeVisible();
    await expect(page.getByTestId('portal-nav-team')).toHaveCount(0);
    await expect(page.getByTestId('portal-nav-api-keys')).toHaveCount(0);
  });

  await test.step('the spent invite link cannot be used again', async () => {
    await page.goto(`/portal/invite/${token}`);
    await expect(page.getByTestId('portal-invite-invalid')).toBeVisible();
  });

  await test.step('sign out; a wrong password is refused with a message; the right one returns to the page asked for', async () => {
    await page.goto('/portal');
    await portal.signOut();
    await page.goto('/portal/notifications');
    await expect(page).toHaveURL(/\/portal\/sign-in\?redirect=/);
    await portal.signIn(EMAIL, 'not the password at all');
    await expect(portal.error).toBeVisible();
    await expect(portal.error).not.toContainText(/Globex|Initech/);
    await portal.signIn(EMAIL, PORTAL_PASSWORD);
    await expect(page).toHaveURL(/\/portal\/notifications$/);
  });

  let leadId = '';
  await test.step('submit a lead: its page shows the duplicate warning without the other partner', async () => {
    await leads.submit({ contactName: 'Mara Keller', company: 'Keller Systems GmbH', email: 'mara.keller@keller-systems.de' });
    await expect(page.getByTestId('portal-lead-title')).toHaveText('Mara Keller');
    await expect(page.getByTestId('portal-lead-duplicate')).toContainText('same e-mail');
    await expect(page.getByTestId('portal-lead-detail')).not.toContainText('Initech');
    await expect(page.getByTestId('portal-lead-history').getByTestId('portal-lead-step')).toHaveCount(1);
    leadId = (await page.getByTestId('portal-lead-detail').getAttribute('data-lead-id')) ?? '';
    await leads.submit({ contactName: 'Jon Park', company: 'Park Logistics', email: 'jon@park-logistics.co.uk' });
  });

  await test.step('my leads lists both with status and score', async () => {
    await leads.open();
    await expect(leads.rows).toHaveCount(2);
    await expect(leads.row('Mara Keller').getByTestId('portal-lead-status')).toHaveText('New');
    await expect(leads.row('Jon Park').locator('[data-score]')).toHaveAttribute('data-score', /^\d+$/);
  });

  await test.step('a manager rejects one (API): the reason is in my leads, on its page and in the notifications, which are then seen', async () => {
    // The page's request context carries both cookies; a call without the portal header is the staff admin's.
    const staffLead = await api<{ id: string; version: number }>(page.request, 'leads.get', { id: leadId });
    await api(page.request, 'leads.reject', { id: leadId, version: staffLead.version, reason: 'Already a customer of ours' });
    await page.reload();
    await expect(leads.row('Mara Keller').getByTestId('portal-lead-status')).toHaveText('Rejected');
    await expect(leads.row('Mara Keller').getByTestId('portal-lead-reason')).toContainText('Already a customer of ours');
    await expect(page.getByTestId('portal-nav-new-count')).toHaveText('1');
    await page.getByTestId('portal-nav-notifications').click();
    const item = page.getByTestId('portal-notification').first();
    await expect(item).toHaveAttribute('data-new', 'true');
    await expect(item.getByTestId('portal-notification-decision')).toHaveText('Rejected');
    await expect(item.getByTestId('portal-notification-reason')).toHaveText('Already a customer of ours');
    await expect(page.getByTestId('portal-nav-new-count')).toHaveCount(0);
    await item.getByRole('link').click();
    await expect(page.getByTestId('portal-lead-rejection')).toContainText('Already a customer of ours');
  });
});
