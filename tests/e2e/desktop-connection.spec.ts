import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { AppShell } from './pages/app-shell';
import { SetupPage } from './pages/setup-page';
import { createConnectionController, createConnectionIpcHandler, type ConnectionController } from '../../src-main/desktop/connection-controller';
import { readConnectionSetting } from '../../src-main/desktop/connection-settings';
import { createIpcCallHandler, type IpcCallEventLike } from '../../src-main/transports/ipc';

/*
 * The desktop's first run, in the real renderer: the Electron binary cannot run here, so the
 * page gets the preload's API (window.partnerDesk) wired to the real main-process modules in
 * this test process — the connection controller and the IPC call handler — exactly as
 * electron-main.ts wires them. Choosing the server writes the setting and asks for a restart;
 * after the "restart" the same window runs connected, through the server.
 */

const trusted = { sender: { id: 1, once: () => undefined }, senderFrame: { url: 'file:///app/index.html', parent: null } } as unknown as IpcCallEventLike;

test('first run on a desktop: choose "Connect to a team server", check the address, connect, and run through the server', async ({ page, server }, testInfo) => {
  const userData = mkdtempSync(join(tmpdir(), 'partnerdesk-desktop-e2e-'));
  let restarts = 0;
  let controller: ConnectionController;
  let calls: ReturnType<typeof createIpcCallHandler>;
  const boot = () => {
    controller = createConnectionController({ userData, setting: readConnectionSetting(userData), restart: () => (restarts += 1) });
    calls = createIpcCallHandler(controller.dispatch, () => true);
  };
  boot();
  try {
    await page.exposeFunction('__pdConnection', (request: unknown) => createConnectionIpcHandler(controller, () => true)(trusted, request));
    await page.exposeFunction('__pdCall', (name: unknown, input: unknown) => calls(trusted, name, input));
    // The preload's API (src-preload/index.ts), each method ending in main's handlers above.
    await page.addInitScript({
      content: `window.partnerDesk = {
        platform: 'electron',
        call: (name, input) => window.__pdCall(name, input),
        pickFile: async () => null,
        onChange: () => () => undefined,
        connection: {
          get: () => window.__pdConnection({ op: 'get' }),
          probe: (serverUrl) => window.__pdConnection({ op: 'probe', serverUrl }),
          choose: (c) => window.__pdConnection(c.mode === 'local' ? { op: 'choose', mode: 'local' } : { op: 'choose', mode: 'connected', serverUrl: c.serverUrl, ...(c.trustFingerprint ? { trustFingerprint: c.trustFingerprint } : {}) }),
          retry: () => window.__pdConnection({ op: 'retry' }),
        },
      };`,
    });

    await page.goto('/');
    await expect(page.getByText('How will you use PartnerDesk?')).toBeVisible();
    await page.getByTestId('connection-server').click();

    await test.step('a wrong address is refused with what to type', async () => {
      await page.getByTestId('connection-url').fill('ftp://desk.example.com');
      await page.getByTestId('connection-check').click();
      await expect(page.getByTestId('connection-probe-error')).toContainText('is not a server address');
    });

    await test.step('the server is checked, then connected to', async () => {
      await page.getByTestId('connection-url').fill(server.url);
      await page.getByTestId('connection-check').click();
      await expect(page.getByTestId('connection-probe-ok')).toContainText('runs PartnerDesk');
      await page.screenshot({ path: testInfo.outputPath('connection-checked.png'), fullPage: true });
      await page.getByTestId('connection-connect').click();
      await expect(page.getByTestId('connection-restarting')).toBeVisible();
      expect(readConnectionSetting(userData)).toEqual({ mode: 'connected', serverUrl: server.url, trustedCertificate: null });
      await expect.poll(() => restarts).toBe(1);
    });

    await test.step('after the restart the window runs through the server: its first-run set-up', async () => {
      boot();
      await page.reload();
      await expect(page.getByTestId('setup-workspace-name')).toBeVisible();
      const setup = new SetupPage(page);
      await setup.fill({ workspace: 'Connected Partner Program', currency: 'EUR', name: 'Ada Admin', email: 'ada@connected.test', password: 'orbit lantern cobalt meadow 7' });
      await setup.submit.click();
      await expect(new AppShell(page).userMenu).toBeVisible();
    });

    await test.step('the user menu names the server; changing it can be cancelled without a restart', async () => {
      await new AppShell(page).userMenu.click();
      await expect(page.getByTestId('change-connection')).toContainText(`Server: ${new URL(server.url).host}`);
      await page.getByTestId('change-connection').click();
      await expect(page.getByTestId('connection-url')).toHaveValue(server.url);
      await page.getByTestId('connection-cancel').click();
      await expect(new AppShell(page).userMenu).toBeVisible();
      expect(restarts).toBe(1);
    });
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
});
