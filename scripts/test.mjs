#!/usr/bin/env node
// `npm test`: the whole suite, in order: types, lint, unit + service + contract tests (Vitest),
// the production build, then end-to-end tests in a real Chromium (Playwright), including the
// real-Electron smoke test where the Electron binary exists.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const steps = [];

function step(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  if (!ok) finish(1);
}

function finish(code) {
  console.log('\n=== summary ===');
  for (const s of steps) console.log(`${s.ok ? 'PASS' : 'FAIL'}  ${s.name} (${s.seconds}s)`);
  process.exit(code);
}

// A previous `npm start` in Electron mode may have rebuilt better-sqlite3 for Electron's ABI.
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch {
  step('rebuild better-sqlite3 for Node', 'npm', ['rebuild', 'better-sqlite3']);
}

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']);
step('typecheck (renderer)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']);
step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
step('unit, service and contract tests', 'npx', ['vitest', 'run']);
step('build', 'npx', ['electron-vite', 'build']);
step('end-to-end (Chromium) and Electron smoke', 'npx', ['playwright', 'test']);
finish(0);
