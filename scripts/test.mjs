#!/usr/bin/env node
// `npm test`: the whole suite, in order: types, lint, unit + service + contract tests (Vitest),
// the production build, then end-to-end tests in a real Chromium (Playwright), including the
// real-Electron smoke test where the Electron binary exists.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, rmSync } from 'node:fs';

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

/** Test counts from the runners' JSON reports, summed into one closing line. */
function counts() {
  const total = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync('test-results/vitest.json')) {
    const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
    total.passed += v.numPassedTests ?? 0;
    total.failed += v.numFailedTests ?? 0;
    total.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  }
  if (existsSync('test-results/playwright.json')) {
    const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8')).stats ?? {};
    total.passed += (p.expected ?? 0) + (p.flaky ?? 0);
    total.failed += p.unexpected ?? 0;
    total.skipped += p.skipped ?? 0;
  }
  return total;
}

function finish(code) {
  console.log('\n=== summary ===');
  for (const s of steps) console.log(`${s.ok ? 'PASS' : 'FAIL'}  ${s.name} (${s.seconds}s)`);
  const c = counts();
  const failed = code !== 0 && c.failed === 0 ? 1 : c.failed; // a failed step (types, lint, build) counts as a failure
  console.log(`${c.passed} passed, ${failed} failed, ${c.skipped} skipped`);
  process.exit(code);
}

rmSync('test-results/vitest.json', { force: true });
rmSync('test-results/playwright.json', { force: true });

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
step('unit, service and contract tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
step('build', 'npx', ['electron-vite', 'build']);
step('end-to-end (Chromium) and Electron smoke', 'npx', ['playwright', 'test']);
finish(0);
