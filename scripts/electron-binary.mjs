import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron binary's path, or null with the reason. On machines without internet the
 * `electron` package is installed but its binary download failed (see tools/electron-get-offline).
 * Looks at the package's files instead of `require('electron')`, which would retry the download.
 */
export function electronBinary() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed (run npm install)' };
  }
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(path) ? { path, reason: null } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no electron binary (${path})` };
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { path: null, reason: 'the Electron binary is not installed (its download failed or was skipped during npm install)' };
  }
  const path = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path, reason: null } : { path: null, reason: `the Electron binary is missing (${path})` };
}

export function hasDisplay() {
  return process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
