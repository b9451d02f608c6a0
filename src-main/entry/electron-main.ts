import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, webContents } from 'electron';
import { basicTextUnwrapper, wrapperFromSafeStorage } from '../security/key-provider';
import { createApp, type App } from '../app';
import { configFromEnv, scrubSecretEnv } from '../config';
import { registerIpc } from '../transports/ipc';
import { IPC_CHANGE_CHANNEL, IPC_CONNECTION_CHANNEL, IPC_PICK_FILE_CHANNEL } from '../../src-shared/ipc-channels';
import type { ChangeEvent } from '../../src-shared/live';
import { createChangeRelay, type ChangeRelay } from '../desktop/change-relay';
import { createConnectionController, createConnectionIpcHandler } from '../desktop/connection-controller';
import { desktopDatabaseUrlRefusal, readConnectionSetting, targetOf } from '../desktop/connection-settings';
import type { PickedFile } from '../../src-shared/bridge';
import { log } from '../log';
import { aboutDialog, appMenuTemplate } from './app-menu';
import { attachContentsGuards, denyAllPermissions, externalLinkPrompt, OPEN_EXTERNAL_BUTTON } from './electron-guards';
import { isTrustedSender } from './electron-sender';
import { isTrustedUrl as isRendererUrl, rendererDevUrl as devUrlFrom } from './electron-url-trust';

/**
 * The desktop entry: the main process owns the data and the rules; the window is a sandboxed,
 * context-isolated renderer that can only call procedures through the preload's narrow API.
 */

const rendererDevUrl = devUrlFrom(process.env, app.isPackaged);
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererFileUrl = pathToFileURL(rendererFile).href;

function isTrustedUrl(url: string): boolean {
  return isRendererUrl(url, { devUrl: rendererDevUrl, fileUrl: rendererFileUrl });
}

const MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

function registerFilePicker(): void {
  ipcMain.handle(IPC_PICK_FILE_CHANNEL, async (event, options: unknown): Promise<PickedFile | null> => {
    if (!isTrustedSender(event, isTrustedUrl)) return null;
    const o = (typeof options === 'object' && options !== null ? options : {}) as { title?: unknown; extensions?: unknown };
    const extensions = Array.isArray(o.extensions) ? o.extensions.filter((e): e is string => typeof e === 'string' && e in MIME) : [];
    const window = BrowserWindow.fromWebContents(event.sender);
    const picked = await (window ? dialog.showOpenDialog(window, { title: String(o.title ?? 'Choose a file'), properties: ['openFile'], filters: [{ name: 'Documents', extensions }] }) : null);
    const path = picked?.filePaths[0];
    if (!path) return null;
    const bytes = await readFile(path);
    const ext = path.split('.').pop()?.toLowerCase() ?? '';
    return { name: path.split(/[\\/]/).pop() ?? 'file', mimeType: MIME[ext] ?? 'application/octet-stream', contentBase64: bytes.toString('base64') };
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'PartnerDesk',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Navigation and window.open guards: attached to every webContents in 'web-contents-created'.
  if (rendererDevUrl) void window.loadURL(rendererDevUrl);
  else void window.loadFile(rendererFile);
  return window;
}

let core: App | undefined;

/** The native menu (File/Edit/View/Window/Help, macOS app menu), built from the tested template. */
function installAppMenu(): void {
  const version = app.getVersion();
  const about = aboutDialog({ version });
  // macOS's own About panel (App menu → About) shows the same version.
  app.setAboutPanelOptions({ applicationName: 'PartnerDesk', applicationVersion: version, version: '' });
  const template = appMenuTemplate(
    // Development = `electron-vite dev` (a dev server URL); `npm start` runs the built app, unpackaged, as users do.
    { platform: process.platform, version, isDev: Boolean(rendererDevUrl) },
    {
      showAbout: () => {
        const window = BrowserWindow.getFocusedWindow();
        const box = { type: 'info' as const, buttons: ['OK'], ...about };
        void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
      },
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Live updates to one window (IPC_CHANGE_CHANNEL), unless it has gone meanwhile. */
function sendChange(windowId: number, event: ChangeEvent): void {
  const contents = webContents.fromId(windowId);
  if (contents && !contents.isDestroyed()) contents.send(IPC_CHANGE_CHANNEL, event);
}

let relay: ChangeRelay | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  // Only servers hold the team database's credential and the data key (README: team mode).
  const refusal = desktopDatabaseUrlRefusal(process.env);
  if (refusal) {
    dialog.showErrorBox('PartnerDesk desktop does not use DATABASE_URL', refusal);
    app.exit(2);
    return;
  }
  const userData = process.env.PARTNERDESK_DATA_DIR ?? app.getPath('userData');
  // Local data, a team server, or not chosen yet (the window asks first).
  const setting = readConnectionSetting(userData);
  if (setting.mode === 'local') {
    // The data key file is wrapped by the OS secret store (Keychain, DPAPI, libsecret) where one exists.
    core = await createApp(configFromEnv(process.env, userData), { secretWrapper: wrapperFromSafeStorage(safeStorage), legacySecretUnwrapper: basicTextUnwrapper(safeStorage) });
    await scrubSecretEnv(core.deps.keys);
  }
  const local = core;
  const controller = createConnectionController({
    userData,
    setting,
    ...(local ? { localDispatch: local.dispatch } : {}),
    restart: () => {
      app.relaunch();
      app.quit();
    },
  });
  const target = targetOf(setting);
  relay = local
    ? createChangeRelay({ kind: 'local', feed: local.changes, resolve: (token) => local.services.auth.sessions.resolve(token) }, sendChange)
    : target
      ? createChangeRelay({ kind: 'server', target }, sendChange)
      : null;
  registerIpc(ipcMain, controller.dispatch, isTrustedUrl, { ...(local ? { setupCode: local.setupCode } : {}), onSession: (windowId, token) => relay?.windowSession(windowId, token) });
  ipcMain.handle(IPC_CONNECTION_CHANNEL, createConnectionIpcHandler(controller, isTrustedUrl));
  // The window passes the code itself; it is logged for a server started on the same data later.
  if (local && (await local.services.auth.needsSetup())) console.log(`set-up code: ${local.setupCode}`);
  registerFilePicker();
  installAppMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

/** Asks before a link leaves for the browser, in the window it came from when there is one. */
async function confirmExternal(host: string): Promise<boolean> {
  const window = BrowserWindow.getFocusedWindow();
  const box = externalLinkPrompt(host);
  const { response } = await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
  return response === OPEN_EXTERNAL_BUTTON;
}

app.on('web-contents-created', (_event, contents) => {
  attachContentsGuards(contents, {
    isTrustedUrl,
    confirmExternal,
    openExternal: (url) => shell.openExternal(url),
    onError: (error) => log.warn(`external link not opened: ${error instanceof Error ? error.name : 'error'}`),
  });
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  relay?.close();
  void core?.close();
});

start().catch((error: unknown) => {
  log.error('PartnerDesk could not start', error);
  dialog.showErrorBox('PartnerDesk could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
