import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutDialog, appMenuTemplate } from '../../src-main/entry/app-menu';

const noop = { showAbout: () => undefined };

function items(menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const sub = menu?.submenu;
  return Array.isArray(sub) ? sub : [];
}

function topLabels(template: MenuItemConstructorOptions[]): string[] {
  return template.map((m) => (m.label ?? '').replace('&', ''));
}

function find(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  return template.find((m) => (m.label ?? '').replace('&', '') === label);
}

function allItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...allItems(items(m))]);
}

describe('appMenuTemplate', () => {
  it('macOS: the app menu comes first and holds About and Quit ⌘Q; File holds Close', () => {
    const t = appMenuTemplate({ platform: 'darwin', version: '1.2.3', isDev: false }, noop);
    expect(topLabels(t)).toEqual(['PartnerDesk', 'File', 'Edit', 'View', 'Window', 'Help']);
    const appMenu = items(t[0]);
    expect(appMenu.map((i) => i.role).filter(Boolean)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(appMenu.find((i) => i.role === 'quit')?.accelerator).toBe('CmdOrCtrl+Q');
    expect(items(find(t, 'File')).map((i) => i.role)).toEqual(['close']);
    expect(t.every((m) => !(m.label ?? '').includes('&'))).toBe(true);
  });

  it.each(['win32', 'linux'] as const)('%s: File → Quit with Ctrl+Q, no app menu, mnemonics on the top menus', (platform) => {
    const t = appMenuTemplate({ platform, version: '1.2.3', isDev: false }, noop);
    expect(t.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    const quit = items(t[0]).find((i) => i.role === 'quit');
    expect(quit).toMatchObject({ label: 'Quit', accelerator: 'CmdOrCtrl+Q' });
    expect(items(find(t, 'Window')).map((i) => i.role)).toEqual(['minimize', 'close']);
  });

  it('Edit has undo, redo, cut, copy, paste and select all with their shortcuts', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const edit = items(find(appMenuTemplate({ platform, version: '1', isDev: false }, noop), 'Edit'));
      const byRole = Object.fromEntries(edit.filter((i) => i.role).map((i) => [i.role, i.accelerator]));
      expect(byRole).toMatchObject({ undo: 'CmdOrCtrl+Z', cut: 'CmdOrCtrl+X', copy: 'CmdOrCtrl+C', paste: 'CmdOrCtrl+V', selectAll: 'CmdOrCtrl+A' });
      expect(byRole.redo).toBe(platform === 'darwin' ? 'Shift+Cmd+Z' : 'Ctrl+Y');
    }
  });

  it('View: zoom and full screen always; reload and developer tools only in development', () => {
    const roles = (isDev: boolean) => items(find(appMenuTemplate({ platform: 'linux', version: '1', isDev }, noop), 'View')).map((i) => i.role).filter(Boolean);
    expect(roles(false)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(roles(true)).toEqual(['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const all = allItems(appMenuTemplate({ platform, version: '1', isDev: false }, noop));
      expect(all.some((i) => i.role === 'reload' || i.role === 'forceReload' || i.role === 'toggleDevTools')).toBe(false);
    }
  });

  it('Help → About on every platform calls showAbout, whose dialog shows the version', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const showAbout = vi.fn();
      const t = appMenuTemplate({ platform, version: '4.5.6', isDev: false }, { showAbout });
      const help = find(t, 'Help');
      expect(t[t.length - 1]).toBe(help);
      const about = items(help).find((i) => i.id === 'about');
      expect(about?.label).toBe('About PartnerDesk');
      about?.click?.({} as never, undefined, {} as never);
      expect(showAbout).toHaveBeenCalledTimes(1);
    }
    expect(aboutDialog({ version: '4.5.6' })).toMatchObject({ title: 'About PartnerDesk', message: 'PartnerDesk 4.5.6' });
  });

  it('every item is a role, a separator, a submenu or has a click handler (nothing inert)', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const item of allItems(appMenuTemplate({ platform, version: '1', isDev: true }, noop))) {
        expect(Boolean(item.role || item.type === 'separator' || item.submenu || item.click), JSON.stringify(item)).toBe(true);
      }
    }
  });
});
