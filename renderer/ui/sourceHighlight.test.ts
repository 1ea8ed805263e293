import { describe, expect, it } from 'vitest';
import { languageOf, tokenKind, tokensToLines } from './sourceHighlight';

describe('source viewer colours', () => {
  it('picks the grammar from the file name, and none for files it has no grammar for', () => {
    expect(['src/index.js', 'src/a.mjs', 'src/view.tsx', 'src/b.TS', 'manifest.yml', 'notes.txt', 'Makefile'].map(languageOf)).toEqual(['javascript', 'javascript', 'typescript', 'typescript', 'yaml', null, null]);
  });

  it('draws Monarch token types by their first part', () => {
    expect(['keyword.js', 'string.escape.ts', 'comment.doc.js', 'number.float.js', 'regexp.js', 'type.identifier.ts', 'delimiter.bracket.js', 'identifier.js', ''].map(tokenKind)).toEqual([
      'keyword',
      'string',
      'comment',
      'number',
      'regexp',
      'type',
      'delimiter',
      'plain',
      'plain',
    ]);
  });

  it('cuts each line at its token offsets without losing a character, and gives up when lines and tokens disagree', () => {
    const lines = ['const a = 1; // one', ''];
    const tokens = [
      [
        { offset: 0, type: 'keyword.js' },
        { offset: 5, type: '' },
        { offset: 6, type: 'identifier.js' },
        { offset: 7, type: '' },
        { offset: 10, type: 'number.js' },
        { offset: 11, type: 'delimiter.js' },
        { offset: 12, type: '' },
        { offset: 13, type: 'comment.js' },
      ],
      [],
    ];
    const cut = tokensToLines(lines, tokens)!;
    expect(cut[0]!.map((token) => token.text).join('')).toBe(lines[0]);
    expect(cut[0]!.filter((token) => token.kind !== 'plain')).toEqual([
      { text: 'const', kind: 'keyword' },
      { text: '1', kind: 'number' },
      { text: ';', kind: 'delimiter' },
      { text: '// one', kind: 'comment' },
    ]);
    expect(cut[1]).toEqual([]);
    expect(tokensToLines(['one line', 'another'], [[{ offset: 0, type: '' }]])).toBeNull();
  });
});
