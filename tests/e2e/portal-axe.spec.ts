import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { api } from './pages/leads-page';
import { PortalSignInPage } from './pages/portal-sign-in';
import { invitedPortalUser, paidPayout, partnerWithCredits, staffWorkspace } from './pages/portal-money';

/*
 * axe-core on every portal page as a partner admin sees it (the admin sees every entry), with
 * real data: credits, a paid payout with a rejected line, decisions to notify. Light, and dark for the most colourful pages;
 * home and my leads also at a 375 px phone width. Serious or critical findings fail the test.
 */

const PORTAL_PASSWORD = 'quartz heron lantern 2031';
const SCHEMES = ['light', 'dark'] as const;
/** Dark too for the pages with the most colour (badges, alerts, charts); the rest in light, to keep the run short. */
const DARK_TOO = new Set(['sign-in', 'home', 'leads', 'lead', 'notifications', 'payout', 'home-phone']);
/** Looked at by eye (the file tool shows PNGs): <output>/portal-<name>-<scheme>.png. */
const SCREENSHOTS = new Set(['home', 'leads', 'lead', 'home-phone', 'leads-phone']);

async function scan(page: Page, name: string, testInfo: TestInfo): Promise<string[]> {
  const blocking: string[] = [];
  for (const scheme of SCHEMES.filter((s) => s === 'light' || DARK_TOO.has(name))) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    await page.waitForTimeout(300);
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      blocking.push(`${name} (${scheme}) ${v.id}/${v.impact}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
    if (SCREENSHOTS.has(name)) await page.screenshot({ fullPage: true, path: testInfo.outputPath(`portal-${name}-${scheme}.png`) });
    console.log(`axe portal ${name} ${scheme}: ${violations.map((v) => `${v.id}(${v.impact}):${v.nodes.length}`).join(' ') || 'none'}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return blocking;
}

/** Opens a portal page and waits until its heading is there and its data has come (no skeletons). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.locator('.mantine-Skeleton-root')).toHaveCount(0);
}

test('axe finds no serious or critical violations on any portal page (light; dark for the most colourful) and on a phone', async ({ page, server }, testInfo) => {
  test.setTimeout(420_000);
  const findings: string[] = [];
  let tokens: string[] = [];
  let payoutId = '';
  let leadId = '';

  await test.step('staff (API): a partner with credits, a paid payout with a rejected line, a rejected lead, two invites', async () => {
    const staff = await staffWorkspace(page, server.url);
    const partnerId = await partnerWithCredits(staff, 'Globex Distribution GmbH', ['Mara Keller', 'Jon Park', 'Rita Rejected']);
    payoutId = (await paidPayout(staff, partnerId, 'Rita Rejected', 'Lead was already our customer')).id;
    const { lead } = await api<{ lead: { id: string; version: number } }>(staff.admin, 'leads.submit', { partnerId, type: 'referral', idempotencyKey: 'axe-rejected', contactName: 'Ola Berg', company: 'Berg Bygg AS', email: 'ola@berg-bygg.no' });
    await api(staff.manager, 'leads.reject', { id: lead.id, version: lead.version, reason: 'Outside our sales area' });
    leadId = lead.id;
    tokens = [
      await invitedPortalUser(staff.admin, partnerId, 'Paula Partner', 'paula@globex.test', 'partner_admin'),
      await invitedPortalUser(staff.admin, partnerId, 'Ivo Invited', 'ivo@globex.test', 'partner_viewer'),
    ];
    await staff.dispose();
  });

  await test.step('sign-in and invite pages', async () => {
    await open(page, '/portal/sign-in');
    findings.push(...(await scan(page, 'sign-in', testInfo)));
    await open(page, `/portal/invite/${tokens[1]}`);
    await expect(page.getByTestId('portal-invite-password')).toBeVisible();
    findings.push(...(await scan(page, 'invite', testInfo)));
  });

  await test.step('every signed-in portal page', async () => {
    await new PortalSignInPage(page).acceptInvite(tokens[0]!, PORTAL_PASSWORD);
    const pages: [string, string][] = [
      ['home', '/portal'],
      ['leads', '/portal/leads'],
      ['lead-new', '/portal/leads/new'],
      ['lead-import', '/portal/leads/import'],
      ['lead', `/portal/leads/${leadId}`],
      ['credits', '/portal/credits'],
      ['payouts', '/portal/payouts'],
      ['payout', `/portal/payouts/${payoutId}`],
      ['banking', '/portal/banking'],
      ['team', '/portal/team'],
      ['api-keys', '/portal/api-keys'],
      ['notifications', '/portal/notifications'],
      ['account', '/portal/account'],
    ];
    for (const [name, path] of pages) {
      await open(page, path);
      expect(page.url(), `${name} stays on its page`).toContain(path === '/portal' ? '/portal' : path);
      findings.push(...(await scan(page, name, testInfo)));
    }
  });

  await test.step('home and my leads on a 375 px phone: no sideways scrolling, the navigation behind the burger', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    for (const [name, path] of [
      ['home-phone', '/portal'],
      ['leads-phone', '/portal/leads'],
    ] as const) {
      await open(page, path);
      // Cast: the e2e tsconfig has no DOM types.
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      findings.push(...(await scan(page, name, testInfo)));
    }
    await page.getByTestId('portal-burger').click();
    await expect(page.getByTestId('portal-nav-notifications')).toBeVisible();
    findings.push(...(await scan(page, 'nav-phone', testInfo)));
  });

  expect(findings, findings.join('\n')).toEqual([]);
});
