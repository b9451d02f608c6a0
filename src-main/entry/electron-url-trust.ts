/*
 * Which URLs are our own renderer. Plain module (no 'electron' import) so the rules are
 * unit-tested without the Electron binary; electron-main.ts passes the real values.
 */

export interface RendererLocations {
  /** The dev server's URL (electron-vite dev), null when the built file is loaded. */
  devUrl: string | null;
  /** file:// URL of the built renderer's index.html. */
  fileUrl: string;
}

/**
 * ELECTRON_RENDERER_URL only counts in an unpackaged app: in an installed one, whoever can set
 * the environment would otherwise point the window, and its IPC bridge, at any page.
 */
export function rendererDevUrl(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): string | null {
  const value = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !value) return null;
  return originOf(value) !== null ? value : null;
}

/**
 * The dev server by origin (a prefix match would trust http://localhost:5173.evil.com), the
 * built file by its exact URL: a hash route is allowed, another file, a query or a path below is not.
 */
export function isTrustedUrl(url: string, { devUrl, fileUrl }: RendererLocations): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devUrl !== null) {
    const devOrigin = originOf(devUrl);
    return devOrigin !== null && parsed.origin === devOrigin;
  }
  if (parsed.protocol !== 'file:' || parsed.search !== '' || parsed.username !== '' || parsed.host !== '') return false;
  parsed.hash = '';
  return parsed.href === new URL(fileUrl).href;
}

/** The origin of an http(s) URL; null for anything else ('null' origins of file:, data: and the like never match). */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.origin : null;
  } catch {
    return null;
  }
}
