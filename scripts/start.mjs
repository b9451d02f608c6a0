#!/usr/bin/env node
// `npm start`: build, then open the desktop window where Electron can run, else server mode.
import { spawnSync, spawn } from 'node:child_process';
import { electronBinary, hasDisplay } from './electron-binary.mjs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

console.log('[partnerdesk] building…');
run('npx', ['electron-vite', 'build']);

const electron = electronBinary();
const forceServer = process.argv.includes('--server') || process.env.PARTNERDESK_SERVER === '1';
if (!forceServer && electron.path && hasDisplay()) {
  // The native SQLite module must match Electron's ABI; rebuilding it for Electron means
  // `npm test` (plain Node) rebuilds it back (scripts/test.mjs does this automatically).
  run('npx', ['electron-rebuild', '-f', '-o', 'better-sqlite3']);
  const child = spawn(electron.path, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = forceServer ? 'server mode requested' : electron.path ? 'no display to open a window on' : electron.reason;
  console.log(`[partnerdesk] starting server mode: ${why}.`);
  const child = spawn(process.execPath, ['out/main/server.js'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
