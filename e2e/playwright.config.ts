import { defineConfig } from '@playwright/test';

// Browser end-to-end flows. web/: Debian's Chromium against the web shell. electron/: the desktop
// shell, where an Electron binary is installed (skipped, with the reason, where it is not).
export default defineConfig({
  testDir: '.',
  outputDir: 'output/test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'output/e2e-results.json' }]],
  projects: [
    { name: 'web', testMatch: 'web/**/*.spec.ts' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
