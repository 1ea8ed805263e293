import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without declarations, run by node before any build
import { importViolation, inContextViolations } from './boundaries.mjs';

const check = importViolation as (file: string, specifier: string) => string | null;
const inContext = inContextViolations as (file: string, text: string) => { line: number; message: string }[];

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

  it('keeps the sandbox pieces self-contained: types may be imported, values may not, and no module-level value', () => {
    const piece = 'main/runner/sandbox/in-context/example.ts';
    const good = "import type { Kernel } from './kernel';\ninterface A { b: number }\nexport function installExample(k: Kernel): void { k.define('a', 1); }\n";
    expect(inContext(piece, good)).toEqual([]);
    expect(inContext(piece, "import { type Kernel } from './kernel';\n")).toEqual([]);
    expect(inContext(piece, "import { getCiphers } from 'node:crypto';\n")[0]).toMatchObject({ line: 1, message: expect.stringMatching(/may import types only/) });
    expect(inContext(piece, "import { type Kernel, makeThing } from './kernel';\n")).toHaveLength(1);
    expect(inContext(piece, "import './side-effect';\n")).toHaveLength(1);
    expect(inContext(piece, "import type { Kernel } from './kernel';\nconst LIMIT = 5;\n")[0]).toMatchObject({ line: 2, message: expect.stringMatching(/does not exist inside the sandbox/) });
    expect(inContext('main/runner/sandbox/fresh-context.ts', "import vm from 'node:vm';\nconst a = 1;\n")).toEqual([]);
  });
});
