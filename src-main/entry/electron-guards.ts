/*
 * The desktop shell's guards, as plain functions over structurally typed Electron objects (no
 * 'electron' import): unit-tested with fake events where the Electron binary cannot run.
 * electron-main.ts attaches them to every webContents and to the default session.
 */

/** The renderer needs no camera, microphone, notifications, geolocation, clipboard reads…: all refused. */
export function denyPermissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
}

export type WindowOpenDecision = { kind: 'deny' } | { kind: 'confirm'; host: string; url: string };

/**
 * window.open and target=_blank links: only http(s) may leave the app, to the system browser,
 * once the user confirmed the host; file:, javascript:, data:, custom schemes never. A URL with
 * credentials is denied too: `https://bank.example@evil.test` is a disguise, not a link.
 */
export function decideWindowOpen(url: string): WindowOpenDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'deny' };
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return { kind: 'deny' };
  return { kind: 'confirm', host: parsed.host, url: parsed.href };
}

/** The index of "Open in browser" in externalLinkPrompt's buttons. */
export const OPEN_EXTERNAL_BUTTON = 1;

/** What the user is asked before a link opens in the browser: the host named, "Cancel" the default. */
export function externalLinkPrompt(host: string): { type: 'question'; buttons: string[]; defaultId: number; cancelId: number; message: string; detail: string } {
  return {
    type: 'question',
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    message: `Open ${host} in your browser?`,
    detail: `PartnerDesk is about to open a page on ${host}. Open it only if you expected this link.`,
  };
}

export interface NavigationEventLike {
  preventDefault(): void;
  /** Electron ≥ 25 puts the target on the event; older versions pass it as the second argument only. */
  url?: string;
}

/** The slice of WebContents the guards use. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEventLike, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardDeps {
  isTrustedUrl(url: string): boolean;
  /** Asks the user (externalLinkPrompt); true when they chose to open. */
  confirmExternal(host: string): Promise<boolean>;
  openExternal(url: string): Promise<void>;
  onError?(error: unknown): void;
}

/**
 * Attached from app.on('web-contents-created'), so every webContents gets them: the main
 * window, any window a future feature opens, devtools. A page may navigate only within our
 * renderer; redirects likewise; no <webview>; every window.open is denied in the app, the
 * http(s) ones handed to the browser after a confirmation.
 */
export function attachContentsGuards(contents: GuardedContents, deps: GuardDeps): void {
  const guardNavigation = (event: NavigationEventLike, url?: string) => {
    const target = event.url ?? url;
    if (typeof target !== 'string' || !deps.isTrustedUrl(target)) event.preventDefault();
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.kind === 'confirm') void openAfterConfirmation(decision, deps);
    return { action: 'deny' };
  });
}

export async function openAfterConfirmation(decision: Extract<WindowOpenDecision, { kind: 'confirm' }>, deps: GuardDeps): Promise<boolean> {
  try {
    if (!(await deps.confirmExternal(decision.host))) return false;
    await deps.openExternal(decision.url);
    return true;
  } catch (error) {
    deps.onError?.(error);
    return false;
  }
}
