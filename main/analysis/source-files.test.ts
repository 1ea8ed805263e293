import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { listSourceFiles, SOURCE_FILE_LIMIT } from './source-files';

function write(folder: string, relative: string, text = 'export {};\n'): void {
  mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
  writeFileSync(path.join(folder, relative), text);
}

describe('the source files of an app', () => {
  it('lists JS and TS sources, sorted, and skips dependencies, build output, tool folders and type declarations', async () => {
    const app = scratchFolder();
    for (const file of [
      'src/index.js',
      'src/frontend/index.jsx',
      'src/resolvers/index.ts',
      'static/app/src/App.tsx',
      'scripts/seed.mjs',
      'webpack.config.cjs',
      'node_modules/@forge/api/out/index.js',
      'static/app/node_modules/react/index.js',
      'static/app/build/static/js/main.js',
      'dist/index.js',
      'out/index.js',
      'coverage/lcov-report/prettify.js',
      '.forge/bundle.js',
      'src/.cache/x.js',
      'src/types/forge.d.ts',
      'manifest.yml',
      'README.md',
      'src/data.json',
      'static/app/src/App.css',
    ])
      write(app, file);
    expect(await listSourceFiles(app)).toEqual(['scripts/seed.mjs', 'src/frontend/index.jsx', 'src/index.js', 'src/resolvers/index.ts', 'static/app/src/App.tsx', 'webpack.config.cjs']);
  });

  it('skips files over 2 MB and does not follow symbolic links', async () => {
    const app = scratchFolder();
    write(app, 'src/index.js');
    write(app, 'src/vendor/huge.js', 'x'.repeat(2 * 1024 * 1024 + 1));
    symlinkSync(app, path.join(app, 'src', 'loop'));
    symlinkSync(path.join(app, 'src', 'index.js'), path.join(app, 'src', 'alias.js'));
    expect(await listSourceFiles(app)).toEqual(['src/index.js']);
  });

  it(`stops at ${SOURCE_FILE_LIMIT} files`, async () => {
    const app = scratchFolder();
    for (let index = 0; index < SOURCE_FILE_LIMIT + 20; index += 1) write(app, `src/generated/part${String(index).padStart(5, '0')}.js`);
    const files = await listSourceFiles(app);
    expect(files).toHaveLength(SOURCE_FILE_LIMIT);
    expect(files[0]).toBe('src/generated/part00000.js');
  });

  it('gives an empty list for a folder that does not exist', async () => {
    expect(await listSourceFiles(path.join(scratchFolder(), 'missing'))).toEqual([]);
  });
});
