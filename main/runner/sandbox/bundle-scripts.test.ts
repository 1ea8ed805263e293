import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleScripts, dynamicImportContained } from './bundle-scripts';
import { writeAppBundles } from './runner-child-harness';

describe('bundle scripts', () => {
  it('compiles a bundle once and reuses it until the file changes', () => {
    const folder = writeAppBundles({ 'index.js': 'exports.handler = () => 1;' });
    const bundle = path.join(folder, 'index.js');
    const scripts = new BundleScripts();
    const first = scripts.load(bundle);
    expect(scripts.load(bundle)).toBe(first);

    // Rebuilt with the same output: a new modification time, same text, same compiled script.
    utimesSync(bundle, new Date(), new Date(Date.now() + 5_000));
    expect(scripts.load(bundle)).toBe(first);

    writeFileSync(bundle, 'exports.handler = () => 2;');
    utimesSync(bundle, new Date(), new Date(Date.now() + 10_000));
    expect(scripts.load(bundle)).not.toBe(first);
  });

  it('knows which wrappers only make the module function, so they can be evaluated without a timeout', () => {
    const folder = writeAppBundles({
      'plain.js': '#!/usr/bin/env node\n"use strict";\nexports.handler = () => { return "}"; }; // })',
      'breakout.js': 'exports.handler = () => 1;\n}); globalThis.ran = true; (function () {',
    });
    const scripts = new BundleScripts();
    expect(scripts.isPlainWrapper(scripts.load(path.join(folder, 'plain.js')))).toBe(true);
    expect(scripts.isPlainWrapper(scripts.load(path.join(folder, 'breakout.js')))).toBe(false);
  });

  it('reports a bundle that is not there', () => {
    expect(() => new BundleScripts().load('/nonexistent/anvil/index.js')).toThrow(/ENOENT/);
  });

  it.skipIf(dynamicImportContained)('without --experimental-vm-modules, refuses every way of writing import()', () => {
    const variants = {
      plain: "import('fs')",
      spaced: 'import (\n"fs")',
      commented: 'import /* x */ ("fs")',
      lineComment: 'import // x\n("fs")',
      htmlComment: 'import <!-- x\n("fs")',
      afterSpread: '[...import("fs")]',
      afterNbsp: '\u00a0import("fs")',
    };
    const folder = writeAppBundles(Object.fromEntries(Object.entries(variants).map(([name, code]) => [`${name}.js`, `exports.handler = () => ${code};`])));
    const scripts = new BundleScripts();
    for (const name of Object.keys(variants)) {
      expect(() => scripts.load(path.join(folder, `${name}.js`)), name).toThrow(/contains import\(\)/);
    }
  });

  it.skipIf(dynamicImportContained)('without the flag, still runs bundles where "import" is only part of a name', () => {
    const folder = writeAppBundles({ 'index.js': 'const reimport = (x) => x; exports.handler = () => reimport(1) + important(2); function important(x) { return x; }' });
    expect(() => new BundleScripts().load(path.join(folder, 'index.js'))).not.toThrow();
  });
});
