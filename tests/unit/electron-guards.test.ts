import { describe, expect, it, vi } from 'vitest';
import {
  attachContentsGuards,
  decideWindowOpen,
  denyAllPermissions,
  denyPermissionCheck,
  denyPermissionRequest,
  externalLinkPrompt,
  OPEN_EXTERNAL_BUTTON,
  type GuardDeps,
  type GuardedContents,
  type NavigationEventLike,
} from '../../src-main/entry/electron-guards';

describe('permissions in the default session', () => {
  it('refuses every request and every check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });

  it('installs both handlers on the session', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    denyAllPermissions(session);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);
  });
});

describe('decideWindowOpen', () => {
  it('asks about http(s) links, naming the host (with its port)', () => {
    expect(decideWindowOpen('https://partnerdesk.example/help?a=1')).toEqual({ kind: 'confirm', host: 'partnerdesk.example', url: 'https://partnerdesk.example/help?a=1' });
    expect(decideWindowOpen('http://intranet.local:8080/x')).toEqual({ kind: 'confirm', host: 'intranet.local:8080', url: 'http://intranet.local:8080/x' });
    // The host as the browser will read it, not as the text suggests.
    expect(decideWindowOpen('https://xn--bcher-kva.example/')).toMatchObject({ kind: 'confirm', host: 'xn--bcher-kva.example' });
  });

  it('denies every other scheme, garbage, and links carrying credentials', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'about:blank',
      'not a url',
      '',
      'https://bank.example@evil.test/',
      'https://user:pw@evil.test/',
    ]) {
      expect(decideWindowOpen(url), url).toEqual({ kind: 'deny' });
    }
  });

  it('names the host in the prompt, with Cancel as the default', () => {
    const prompt = externalLinkPrompt('evil.test');
    expect(prompt.message).toContain('evil.test');
    expect(prompt.buttons[prompt.defaultId]).toBe('Cancel');
    expect(prompt.cancelId).toBe(prompt.defaultId);
    expect(prompt.buttons[OPEN_EXTERNAL_BUTTON]).toBe('Open in browser');
  });
});

/** A webContents stand-in that records the listeners the guards attach. */
function fakeContents() {
  const listeners = new Map<string, (event: NavigationEventLike, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardedContents = {
    on(event: string, listener: (event: NavigationEventLike, url?: string) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const fire = (name: string, url: string, onEvent = true) => {
    const event = { preventDefault: vi.fn(), ...(onEvent ? { url } : {}) };
    listeners.get(name)?.(event, url);
    return event.preventDefault.mock.calls.length > 0 ? 'prevented' : 'allowed';
  };
  return { contents, listeners, fire, open: (url: string) => openHandler?.({ url }) };
}

function deps(answer: boolean): GuardDeps & { confirmExternal: ReturnType<typeof vi.fn>; openExternal: ReturnType<typeof vi.fn> } {
  return {
    isTrustedUrl: (url) => url.startsWith('file:///app/index.html'),
    confirmExternal: vi.fn(async () => answer),
    openExternal: vi.fn(async () => undefined),
  };
}

describe('attachContentsGuards (every webContents)', () => {
  it('attaches the navigation, redirect, webview and window-open guards', () => {
    const fake = fakeContents();
    attachContentsGuards(fake.contents, deps(false));
    expect([...fake.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(fake.open('https://x.test/')).toEqual({ action: 'deny' });
  });

  it('lets a page navigate and redirect only within the renderer', () => {
    const fake = fakeContents();
    attachContentsGuards(fake.contents, deps(false));
    expect(fake.fire('will-navigate', 'file:///app/index.html#/leads')).toBe('allowed');
    expect(fake.fire('will-navigate', 'https://evil.test/')).toBe('prevented');
    expect(fake.fire('will-redirect', 'https://evil.test/')).toBe('prevented');
    expect(fake.fire('will-redirect', 'file:///app/index.html')).toBe('allowed');
    // Older Electron: the URL only as the second argument.
    expect(fake.fire('will-navigate', 'https://evil.test/', false)).toBe('prevented');
    expect(fake.fire('will-navigate', 'file:///app/index.html', false)).toBe('allowed');
  });

  it('never attaches a webview', () => {
    const fake = fakeContents();
    attachContentsGuards(fake.contents, deps(true));
    expect(fake.fire('will-attach-webview', 'file:///app/index.html')).toBe('prevented');
  });

  it('opens an http(s) link in the browser only after the user confirmed its host', async () => {
    const yes = deps(true);
    const fake = fakeContents();
    attachContentsGuards(fake.contents, yes);
    expect(fake.open('https://docs.example/guide')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(yes.openExternal).toHaveBeenCalledWith('https://docs.example/guide'));
    expect(yes.confirmExternal).toHaveBeenCalledWith('docs.example');
  });

  it('opens nothing when the user cancels, or for a denied scheme (without even asking)', async () => {
    const no = deps(false);
    const fake = fakeContents();
    attachContentsGuards(fake.contents, no);
    expect(fake.open('https://docs.example/guide')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(no.confirmExternal).toHaveBeenCalledOnce());
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 10));
    expect(no.confirmExternal).toHaveBeenCalledOnce();
    expect(no.openExternal).not.toHaveBeenCalled();
  });
});
