import { defineConfig } from '@playwright/test';
import type { ShellKind } from './support/web-shell';

// End-to-end flows. web/: Debian's Chromium against the web shell, and the same flows again in the
// desktop window (project `desktop`); electron/: checks only the desktop shell has (its main
// process). Desktop runs need an Electron binary and are skipped, with the reason, where there is none.
export default defineConfig<object, { shellKind: ShellKind }>({
  testDir: '.',
  outputDir: 'output/test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'output/e2e-results.json' }]],
  projects: [
    { name: 'web', testMatch: 'web/**/*.spec.ts', use: { shellKind: 'web' } },
    { name: 'desktop', testMatch: 'web/**/*.spec.ts', use: { shellKind: 'desktop' } },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
