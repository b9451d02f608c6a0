// Type-only: erased at build time, so this module (and its unit test) runs without the Electron binary.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** `app.getVersion()`: shown by Help → About (and the macOS About panel). */
  version: string;
  /** Reload and the developer tools exist only in development: a reload in production would drop unsaved form input for nothing. */
  isDev: boolean;
  name?: string;
}

export interface AppMenuActions {
  /** Help → About: a dialog with the version (see `aboutDialog`). */
  showAbout(): void;
}

const sep: MenuItemConstructorOptions = { type: 'separator' };

/** The text of the About dialog, kept beside the menu so that the version shown is tested with it. */
export function aboutDialog({ version, name = 'PartnerDesk' }: Pick<AppMenuOptions, 'version' | 'name'>) {
  return {
    title: `About ${name}`,
    message: `${name} ${version}`,
    detail: 'A desktop back-office for external partner programs.',
  };
}

/**
 * The native application menu as plain data, for `Menu.buildFromTemplate`. The usual desktop
 * layout: on macOS the app menu comes first (About, Hide, Quit ⌘Q) and File holds Close; on
 * Windows and Linux, File holds Quit (Ctrl+Q). Edit items are roles, so they act on whatever
 * field has focus in the renderer.
 */
export function appMenuTemplate(options: AppMenuOptions, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const { platform, isDev, name = 'PartnerDesk' } = options;
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { id: 'about', label: `About ${name}`, click: () => actions.showAbout() };
  // "&File": Alt+F opens it on Windows and Linux; macOS has no mnemonics.
  const top = (label: string) => (mac ? label : `&${label}`);
  const quit: MenuItemConstructorOptions = { role: 'quit', label: mac ? `Quit ${name}` : 'Quit', accelerator: 'CmdOrCtrl+Q' };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: name,
          submenu: [{ role: 'about', label: `About ${name}` }, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, quit],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = { label: top('File'), submenu: mac ? [{ role: 'close', accelerator: 'Cmd+W' }] : [quit] };

  const edit: MenuItemConstructorOptions = {
    label: top('Edit'),
    submenu: [
      { role: 'undo', accelerator: 'CmdOrCtrl+Z' },
      { role: 'redo', accelerator: mac ? 'Shift+Cmd+Z' : 'Ctrl+Y' },
      sep,
      { role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', accelerator: 'CmdOrCtrl+V' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as MenuItemConstructorOptions] : []),
      { role: 'delete' },
      sep,
      { role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: top('View'),
    submenu: [
      ...(isDev
        ? ([{ role: 'reload', accelerator: 'CmdOrCtrl+R' }, { role: 'forceReload', accelerator: 'Shift+CmdOrCtrl+R' }, { role: 'toggleDevTools' }, sep] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
      { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      sep,
      { role: 'togglefullscreen', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: top('Window'),
    // On macOS the role adds the open-window list.
    ...(mac ? { role: 'windowMenu' as const } : {}),
    submenu: mac
      ? [{ role: 'minimize', accelerator: 'Cmd+M' }, { role: 'zoom' }, sep, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close', accelerator: 'Ctrl+W' }],
  };

  const help: MenuItemConstructorOptions = { label: top('Help'), ...(mac ? { role: 'help' as const } : {}), submenu: [about] };

  return [...appMenu, file, edit, view, windowMenu, help];
}
