import { describe, expect, it } from 'vitest';
import type { AppSearchMatch } from './calls';
import { groupByFile, movedIndex, previewParts, resultSummary } from './searchResults';

function matchIn(file: string, preview: string, needle: string): AppSearchMatch {
  return { file, line: 1, column: preview.indexOf(needle) + 1, length: needle.length, preview };
}

describe('search results', () => {
  it('groups matches by file in the order found, each file with its own matches', () => {
    const matches = [matchIn('src/index.js', 'const a = kvs;', 'kvs'), matchIn('manifest.yml', 'kvs: 1', 'kvs'), matchIn('src/index.js', 'kvs.get()', 'kvs')];
    const groups = groupByFile(matches);
    expect(groups.map((group) => [group.file, group.matches.length])).toEqual([
      ['src/index.js', 2],
      ['manifest.yml', 1],
    ]);
    expect(resultSummary(matches.length, groups.length, false)).toBe('3 results in 2 files');
    expect(resultSummary(1, 1, true)).toMatch(/^1 result in 1 file \(the first ones only/);
    expect(resultSummary(0, 0, false)).toBe('No results');
  });

  it('the preview keeps the match whole and visible, with a short lead before it', () => {
    const line = `    ${'x'.repeat(80)} requestJira(route\`/rest\`)`;
    const parts = previewParts(matchIn('src/a.js', line, 'requestJira'));
    expect(parts.match).toBe('requestJira');
    expect(parts.before.startsWith('…')).toBe(true);
    expect(parts.before.length).toBeLessThan(40);
    expect(parts.after).toBe('(route`/rest`)');
    expect(previewParts(matchIn('src/a.js', '  run()', 'run'))).toEqual({ before: '', match: 'run', after: '()' });
  });

  it('arrows, Home and End move within the list and stop at its ends', () => {
    expect(movedIndex('ArrowDown', 0, 3)).toBe(1);
    expect(movedIndex('ArrowDown', 2, 3)).toBe(2);
    expect(movedIndex('ArrowUp', 0, 3)).toBe(0);
    expect(movedIndex('End', 0, 3)).toBe(2);
    expect(movedIndex('Home', 2, 3)).toBe(0);
    expect(movedIndex('a', 0, 3)).toBeNull();
    expect(movedIndex('ArrowDown', 0, 0)).toBeNull();
  });
});
