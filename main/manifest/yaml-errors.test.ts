import { describe, expect, it } from 'vitest';
import { parseManifest } from './parsed-manifest';

const MANIFEST = ['app:', '  id: "ari:cloud:ecosystem::app/x', 'modules:', '  function:', '    - key: main', '      handler: index.run', 'permissions:', '  scopes: []', ''].join('\n');

describe('YAML errors say what to do, where to do it', () => {
  it('puts an unclosed double quote where it opened, not at the end of the file', () => {
    const [problem, ...rest] = parseManifest(MANIFEST).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: 'error', code: 'yaml-unclosed-quote', line: 2, column: 7, endLine: 2, endColumn: 8 });
    expect(problem!.message).toBe('The " opened on line 2 is never closed, so everything after it is read as one value. Add the closing " at the end of the value, or remove the opening one.');
  });

  it('does the same for a single quote, and is not fooled by closed quotes before it', () => {
    const text = ['app:', "  name: 'it''s closed'", '  note: "escaped \\" quote"', "  id: 'open", 'modules: {}', ''].join('\n');
    const [problem] = parseManifest(text).problems;
    expect(problem).toMatchObject({ code: 'yaml-unclosed-quote', line: 4, column: 7 });
    expect(problem!.message).toContain("The ' opened on line 4");
  });

  it('tells what to do about tabs and nested keys on one line', () => {
    expect(parseManifest('app:\n\tid: x\n').problems[0]!.message).toContain('Indent with spaces');
    expect(parseManifest('app: id: x\n').problems[0]!.message).toContain('put the inner key on its own, indented line');
  });
});
