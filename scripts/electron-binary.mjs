import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Electron binary's path, or null with the reason. On machines without internet the
 * `electron` package is installed but its binary download failed (see tools/electron-get-offline).
 */
export function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const path = require('electron');
    if (typeof path === 'string' && existsSync(path)) return { path, reason: null };
    return { path: null, reason: 'the Electron binary is not installed (its download failed or was skipped during npm install)' };
  } catch (error) {
    return { path: null, reason: `the Electron binary is not installed (${String(error?.message ?? error).split('\n')[0]})` };
  }
}

export function hasDisplay() {
  return process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
