import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test, expect, _electron as electron } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';

const binary = electronBinary();

test.describe('real Electron', () => {
  // Reason for the skip: it runs wherever the Electron binary exists; it skips only where the
  // binary could not be installed (no internet during npm install), and prints why.
  test.skip(!binary.path, `Electron smoke test skipped: ${binary.reason ?? ''}`); // skip reason: no Electron binary on this machine

  test('a fresh desktop asks how it is used; a local one opens on the first-run set-up with a sandboxed renderer', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'partnerdesk-electron-'));
    const asking = await electron.launch({ args: [join(process.cwd(), 'out/main/index.js'), '--no-sandbox'], env: { ...process.env, PARTNERDESK_DATA_DIR: fresh, DATABASE_URL: '' } });
    try {
      await expect((await asking.firstWindow()).getByTestId('connection-local')).toBeVisible();
    } finally {
      await asking.close();
      rmSync(fresh, { recursive: true, force: true });
    }

    const dataDir = mkdtempSync(join(tmpdir(), 'partnerdesk-electron-'));
    writeFileSync(join(dataDir, 'connection.json'), '{"mode":"local"}');
    const app = await electron.launch({
      args: [join(process.cwd(), 'out/main/index.js'), '--no-sandbox'],
      env: { ...process.env, PARTNERDESK_DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('setup-workspace-name')).toBeVisible();
      const exposed = await window.evaluate(() => ({
        bridge: typeof (window as unknown as { partnerDesk?: unknown }).partnerDesk,
        node: typeof (window as unknown as { require?: unknown }).require,
      }));
      expect(exposed).toEqual({ bridge: 'object', node: 'undefined' });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

if (!binary.path) console.log(`[partnerdesk] Electron smoke test skipped: ${binary.reason ?? ''}`);
