import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without declarations, run by node before any build
import { importViolation } from './boundaries.mjs';

const check = importViolation as (file: string, specifier: string) => string | null;

describe('the process-boundary lint rule', () => {
  it('keeps Node and the core out of the renderer', () => {
    expect(check('renderer/App.tsx', 'node:fs')).toMatch(/no Node/);
    expect(check('renderer/App.tsx', 'fs')).toMatch(/no Node/);
    expect(check('renderer/features/x/X.tsx', '../../../main/workbench')).toMatch(/only renderer\/ and common\//);
    expect(check('renderer/App.tsx', 'electron')).toMatch(/may use only/);
    expect(check('renderer/App.tsx', '../common/api')).toBeNull();
    expect(check('renderer/features/runner/T.tsx', '@xterm/xterm')).toBeNull();
  });

  it('keeps electron out of domain folders, and allows it in the desktop shell', () => {
    expect(check('main/manifest/manifest-file.ts', 'electron')).toMatch(/only main\/electron\//);
    expect(check('main/workbench.ts', 'electron-store')).toMatch(/only main\/electron\//);
    expect(check('main/electron/main.ts', 'electron')).toBeNull();
  });

  it('makes domain folders talk through their index', () => {
    expect(check('main/workbench.ts', './manifest/manifest-file')).toMatch(/through its index/);
    expect(check('main/app/app-folder.ts', '../manifest/manifest-file')).toMatch(/through its index/);
    expect(check('main/app/app-folder.ts', '../manifest')).toBeNull();
    expect(check('main/manifest/index.ts', './manifest-file')).toBeNull();
  });

  it('keeps common pure and the preload tiny', () => {
    expect(check('common/api.ts', 'yaml')).toMatch(/imports nothing/);
    expect(check('common/api.ts', '../main/workbench')).toMatch(/pure contract/);
    expect(check('preload/preload.ts', 'electron')).toBeNull();
    expect(check('preload/preload.ts', 'node:fs')).toMatch(/only electron/);
    expect(check('preload/preload.ts', '../main/workbench')).toMatch(/only common\//);
  });
});
