import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../../common/types';
import type { Path } from './manifest-model';
import type { ParsedManifest } from './parsed-manifest';

/**
 * Text edits for quick fixes. Each touches only the lines it must, so comments, order and
 * formatting of the rest of the manifest stay exactly as the developer wrote them.
 */

/** An item in both YAML styles: block (`address: x`) and flow (`{address: x}`). */
export interface SequenceItem {
  block: string;
  flow: string;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/** Column of a node's first character within its line (its indentation when it starts a line). */
function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** End of the last line with content inside a node (block nodes' ranges may run into following blank lines). */
function contentEnd(text: string, node: Node): number {
  const end = node.range![1];
  let cursor = end;
  while (cursor > node.range![0] && /\s/.test(text[cursor - 1]!)) cursor -= 1;
  return lineEnd(text, cursor);
}

function insertAt(parsed: ParsedManifest, offset: number, text: string): TextEdit {
  return { range: parsed.rangeAt(offset, offset), text };
}

function indentLines(block: string, indent: string): string {
  return block
    .split('\n')
    .map((line, index) => (index === 0 ? line : indent + line))
    .join('\n');
}

/** Append an item to the sequence at `path`, creating the missing maps on the way. */
export function appendToSequence(parsed: ParsedManifest, path: Path, item: SequenceItem): TextEdit {
  const text = parsed.text;
  const target = parsed.nodeAt(path);
  if (isSeq(target) && target.range) {
    const seq = target as YAMLSeq;
    if (seq.flow) {
      const close = text.lastIndexOf(']', seq.range![1]);
      const hasItems = seq.items.length > 0;
      return insertAt(parsed, close, hasItems ? `, ${item.flow}` : item.flow);
    }
    const first = seq.items[0] as Node | undefined;
    if (first?.range) {
      const dash = text.lastIndexOf('-', first.range[0]);
      const indent = ' '.repeat(columnOf(text, dash));
      return insertAt(parsed, contentEnd(text, seq), `\n${indent}- ${indentLines(item.block, indent + '  ')}`);
    }
  }
  if (isMap(target) && target.range && !target.flow) {
    // The scopes map form: `scopes: { read:jira-work: {} }` written as a block map.
    const map = target as YAMLMap;
    const firstKey = map.items[0]?.key as Node | undefined;
    const indent = firstKey?.range ? ' '.repeat(columnOf(text, firstKey.range[0])) : '  ';
    return insertAt(parsed, contentEnd(text, map), `\n${indent}${item.flow}: {}`);
  }
  return createPath(parsed, path, item);
}

// Walk down to the deepest map that exists, then write the rest of the path below it.
function createPath(parsed: ParsedManifest, path: Path, item: SequenceItem): TextEdit {
  const text = parsed.text;
  let depth = 0;
  let container: Node | null = parsed.document?.contents ?? null;
  let keyNode: Node | null = null;
  while (depth < path.length && isMap(container)) {
    const pair = (container as YAMLMap).items.find((candidate) => isScalar(candidate.key) && candidate.key.value === path[depth]);
    if (!pair) break;
    keyNode = pair.key as Node;
    const value = pair.value as Node | null;
    if (!isMap(value)) {
      container = value;
      depth += 1;
      break;
    }
    container = value;
    depth += 1;
  }
  const rest = path.slice(depth).map(String);
  const build = (indent: string) => {
    let out = '';
    let current = indent;
    for (const key of rest) {
      out += `\n${current}${key}:`;
      current += '  ';
    }
    return `${out}\n${current}- ${indentLines(item.block, current + '  ')}`;
  };
  if (isMap(container) && container.range && !(container as YAMLMap).flow) {
    const firstKey = (container as YAMLMap).items[0]?.key as Node | undefined;
    const indent = firstKey?.range ? ' '.repeat(columnOf(text, firstKey.range[0])) : '';
    if (rest.length === 0) return insertAt(parsed, contentEnd(text, container), build(indent));
    return insertAt(parsed, contentEnd(text, container), build(indent));
  }
  if (keyNode?.range && (container === null || (isScalar(container) && container.value === null))) {
    // `permissions:` with nothing under it: write below the key, one level deeper.
    const indent = ' '.repeat(columnOf(text, keyNode.range[0]) + 2);
    return insertAt(parsed, lineEnd(text, keyNode.range[0]), build(indent));
  }
  // No usable parent (empty file or a scalar root): add the whole path at the end.
  const needsNewline = text.length > 0 && !text.endsWith('\n');
  return insertAt(parsed, text.length, `${needsNewline ? '\n' : ''}${build('').slice(1)}\n`);
}

/** Remove the sequence item or map entry at `path`, with its whole line when it has one to itself. */
export function removeEntry(parsed: ParsedManifest, path: Path): TextEdit | null {
  const text = parsed.text;
  const parent = parsed.nodeAt(path.slice(0, -1));
  const last = path[path.length - 1];
  if (isSeq(parent)) {
    const seq = parent as YAMLSeq;
    const node = seq.items[last as number] as Node | undefined;
    if (!node?.range) return null;
    if (seq.flow) {
      const index = last as number;
      const next = seq.items[index + 1] as Node | undefined;
      const previous = seq.items[index - 1] as Node | undefined;
      const start = previous?.range ? previous.range[1] : node.range[0];
      const end = previous?.range ? node.range[1] : next?.range ? next.range[0] : node.range[1];
      return { range: parsed.rangeAt(start, end), text: '' };
    }
    const start = lineStart(text, node.range[0]);
    const end = Math.min(text.length, lineEnd(text, contentEnd(text, node)) + 1);
    return { range: parsed.rangeAt(start, end), text: '' };
  }
  if (isMap(parent)) {
    const pair = (parent as YAMLMap).items.find((candidate) => isScalar(candidate.key) && candidate.key.value === last);
    const key = pair?.key as Node | undefined;
    if (!key?.range) return null;
    const value = pair?.value as Node | undefined;
    const start = lineStart(text, key.range[0]);
    const end = Math.min(text.length, lineEnd(text, value?.range ? contentEnd(text, value) : key.range[1]) + 1);
    return { range: parsed.rangeAt(start, end), text: '' };
  }
  return null;
}

/**
 * Add `lines` (YAML, indented relative to the map's own keys) at the end of the block map at
 * `mapPath`. Null when there is no such block map (a flow map is left to the developer).
 */
export function addToMap(parsed: ParsedManifest, mapPath: Path, lines: readonly string[]): TextEdit | null {
  const map = parsed.nodeAt(mapPath);
  if (!isMap(map) || !map.range || (map as YAMLMap).flow) return null;
  const firstKey = (map as YAMLMap).items[0]?.key as Node | undefined;
  if (!firstKey?.range) return null;
  const indent = ' '.repeat(columnOf(parsed.text, firstKey.range[0]));
  return insertAt(parsed, contentEnd(parsed.text, map), lines.map((line) => `\n${indent}${line}`).join(''));
}

/** Replace a scalar's source text (keeps its quotes style simple: plain text). */
export function replaceScalar(parsed: ParsedManifest, path: Path, replacement: string): TextEdit | null {
  const node = parsed.nodeAt(path);
  if (!isScalar(node) || !node.range) return null;
  return { range: parsed.rangeAt(node.range[0], node.range[1]), text: replacement };
}

/** Rewrite every plain-string entry of an egress list in the object form `{address: …}`. */
export function convertStringEntries(parsed: ParsedManifest, listPath: Path): TextEdit[] {
  const seq = parsed.nodeAt(listPath);
  if (!isSeq(seq)) return [];
  const flow = Boolean((seq as YAMLSeq).flow);
  return (seq as YAMLSeq).items.flatMap((item) => {
    if (!isScalar(item) || !item.range) return [];
    const source = parsed.text.slice(item.range[0], item.range[1]);
    return [{ range: parsed.rangeAt(item.range[0], item.range[1]), text: flow ? `{address: ${source}}` : `address: ${source}` }];
  });
}

/** Apply edits to a text (for the command line and tests; the editor applies them itself). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offsetOf = (line: number, column: number) => {
    let offset = 0;
    for (let index = 0; index < line - 1; index += 1) offset += (lines[index]?.length ?? 0) + 1;
    return offset + column - 1;
  };
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.line, b.range.column) - offsetOf(a.range.line, a.range.column));
  let result = text;
  for (const edit of sorted) {
    const start = offsetOf(edit.range.line, edit.range.column);
    const end = offsetOf(edit.range.endLine, edit.range.endColumn);
    result = result.slice(0, start) + edit.text + result.slice(end);
  }
  return result;
}
