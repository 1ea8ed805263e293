import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { SEARCH_LIMITS, searchAppFiles } from './app-search';

function app(files: Record<string, string | Buffer>): string {
  const folder = path.join(scratchFolder(), 'app');
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  }
  return folder;
}

const where = (result: { matches: { file: string; line: number; column: number }[] }) => result.matches.map((match) => `${match.file}:${match.line}:${match.column}`);

describe('searching across the app files', () => {
  it('finds plain text in every text file, ignoring case unless asked, with 1-based places and the line as preview', async () => {
    const folder = app({ 'src/index.js': "import api from '@forge/api';\nconst Issue = 1;\n  // issue tracker\n", 'manifest.yml': 'modules: # ISSUE\n', 'README.md': 'nothing here' });
    const result = await searchAppFiles(folder, { query: 'issue' });
    expect(where(result)).toEqual(['manifest.yml:1:12', 'src/index.js:2:7', 'src/index.js:3:6']);
    expect(result.matches[1]).toMatchObject({ length: 5, preview: 'const Issue = 1;' });
    expect(result.matches[2]?.preview.slice(result.matches[2].column - 1, result.matches[2].column - 1 + 5)).toBe('issue');
    expect(result).toMatchObject({ filesSearched: 3, truncated: false });
    expect(where(await searchAppFiles(folder, { query: 'Issue', caseSensitive: true }))).toEqual(['src/index.js:2:7']);
  });

  it('takes the query literally unless it is a regular expression', async () => {
    const folder = app({ 'src/a.js': 'a.b(c)\naxb(c)\n' });
    expect(where(await searchAppFiles(folder, { query: 'a.b(c)' }))).toEqual(['src/a.js:1:1']);
    expect(where(await searchAppFiles(folder, { query: 'a.b\\(c\\)', regex: true }))).toEqual(['src/a.js:1:1', 'src/a.js:2:1']);
  });

  it('matches whole words only when asked', async () => {
    const folder = app({ 'src/a.js': 'run runner rerun run()\n' });
    expect(where(await searchAppFiles(folder, { query: 'run' }))).toHaveLength(4);
    expect(where(await searchAppFiles(folder, { query: 'run', wholeWord: true }))).toEqual(['src/a.js:1:1', 'src/a.js:1:18']);
    expect(where(await searchAppFiles(folder, { query: 'r.n', regex: true, wholeWord: true }))).toEqual(['src/a.js:1:1', 'src/a.js:1:18']);
  });

  it('says what is wrong with an invalid regular expression', async () => {
    const folder = app({ 'src/a.js': 'x' });
    await expect(searchAppFiles(folder, { query: 'run(', regex: true })).rejects.toThrow(/"run\(" is not a valid regular expression/);
  });

  it('skips node_modules, .git, build output, binary files and links', async () => {
    const outside = scratchFolder();
    writeFileSync(path.join(outside, 'secret.js'), 'needle outside');
    const folder = app({
      'src/index.js': 'needle',
      'node_modules/lib/index.js': 'needle',
      '.git/config': 'needle',
      'dist/bundle.js': 'needle',
      'build/out.js': 'needle',
      'logo.png': Buffer.concat([Buffer.from('needle'), Buffer.from([0, 1, 2])]),
    });
    symlinkSync(outside, path.join(folder, 'linked'));
    symlinkSync(path.join(outside, 'secret.js'), path.join(folder, 'src', 'secret.js'));
    const result = await searchAppFiles(folder, { query: 'needle' });
    expect(where(result)).toEqual(['src/index.js:1:1']);
  });

  it('stops at the match cap and says the result is truncated', async () => {
    const folder = app({ 'src/a.js': 'x\n'.repeat(50), 'src/b.js': 'x\n' });
    const result = await searchAppFiles(folder, { query: 'x' }, { ...SEARCH_LIMITS, matches: 10 });
    expect(result.matches).toHaveLength(10);
    expect(result.truncated).toBe(true);
  });

  it('stops at the file cap and the byte cap and says the result is truncated', async () => {
    const folder = app({ 'src/a.js': 'x', 'src/b.js': 'x', 'src/c.js': 'xxxxxxxxxx' });
    const byFiles = await searchAppFiles(folder, { query: 'x' }, { ...SEARCH_LIMITS, files: 2 });
    expect(byFiles).toMatchObject({ filesSearched: 2, truncated: true });
    const byBytes = await searchAppFiles(folder, { query: 'x' }, { ...SEARCH_LIMITS, bytes: 5 });
    expect(byBytes).toMatchObject({ filesSearched: 2, truncated: true });
    expect(await searchAppFiles(folder, { query: 'x' })).toMatchObject({ filesSearched: 3, truncated: false });
  });

  it('searches only the start of a very long line, and says so', async () => {
    const folder = app({ 'dist-min.js': `${'a'.repeat(20_000)}needle\nneedle\n` });
    const result = await searchAppFiles(folder, { query: 'needle' });
    expect(where(result)).toEqual(['dist-min.js:2:1']);
    expect(result.truncated).toBe(true);
  });

  it('stops a regular expression that backtracks without end, naming the file and the pattern', async () => {
    const folder = app({ 'src/a.js': `${'a'.repeat(5_000)}!\n` });
    await expect(searchAppFiles(folder, { query: '(a+)+$', regex: true })).rejects.toThrow(/"\(a\+\)\+\$" was stopped: it kept running on src\/a\.js/);
  });

  it('answers what it found, marked truncated, once the search has used its time budget', async () => {
    const folder = app({ 'src/a.js': 'x', 'src/b.js': 'x' });
    expect(await searchAppFiles(folder, { query: 'x', regex: true }, { ...SEARCH_LIMITS, matchingMs: 0 })).toEqual({ matches: [], filesSearched: 0, truncated: true });
  });
});
