import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RENDERER = path.dirname(fileURLToPath(import.meta.url));
const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);

/**
 * Effects whose callback is an arrow with an expression body: `useEffect(() => x.scrollIntoView())`.
 * Whatever the expression yields becomes the effect's cleanup, and a value that is not a function
 * (scrollIntoView answers a Promise in current Chromium) makes React throw on cleanup and unmount the
 * whole workbench. Block bodies say what they return.
 */
export function expressionBodiedEffects(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const callback = node.arguments[0];
      if (EFFECT_HOOKS.has(name) && callback && ts.isArrowFunction(callback) && !ts.isBlock(callback.body)) {
        const { line } = source.getLineAndCharacterOfPosition(callback.getStart());
        found.push(`${fileName}:${line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function rendererSources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return rendererSources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('renderer effects', () => {
  it('finds an effect that returns what its expression yields', () => {
    expect(expressionBodiedEffects('a.tsx', `useEffect(() => target.current?.scrollIntoView({ block: 'center' }), [text]);`)).toEqual(['a.tsx:1']);
    expect(expressionBodiedEffects('b.tsx', `React.useLayoutEffect(() => void refresh(), []);`)).toEqual(['b.tsx:1']);
    expect(expressionBodiedEffects('c.tsx', `useEffect(() => {\n  target.current?.scrollIntoView();\n}, [text]);`)).toEqual([]);
  });

  it('every effect in the renderer has a block body, so it returns nothing or a cleanup function', () => {
    const offenders = rendererSources(RENDERER).flatMap((file) => expressionBodiedEffects(path.relative(RENDERER, file), readFileSync(file, 'utf8')));
    expect(offenders, 'write these effects with a block body: `useEffect(() => { ... }, deps)`').toEqual([]);
  });
});
