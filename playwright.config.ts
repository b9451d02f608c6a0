import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real built app (server mode) in a real Chromium: Debian's
 * /usr/bin/chromium, or the one @sparticuz/chromium ships (tests/e2e/fixtures.ts). Playwright's
 * own browser download is unavailable here. No retries: a flaky test must be fixed, not hidden.
 */
export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Whole user journeys (onboarding a partner end to end) take over a minute on a 2-core CI machine.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1360, height: 860 },
  },
});
