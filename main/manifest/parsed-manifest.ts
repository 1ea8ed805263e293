import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, SourceRange } from '../../common/types';
import { manifestBytes, manifestTooLargeMessage, MAX_ALIAS_EXPANSIONS, PLATFORM_MANIFEST_LIMIT_BYTES } from './limits';
import { MANIFEST_FILE_NAME } from './manifest-file';
import { yamlErrorDiagnostic } from './yaml-errors';

/** A manifest text parsed with source positions, plus the problems found on the way. */
export interface ParsedManifest {
  text: string;
  document: Document.Parsed | null;
  /** The manifest as plain data, or null when it could not be read at all. */
  value: unknown;
  problems: Diagnostic[];
  rangeOf(node: Node | null | undefined): SourceRange;
  /** The range between two offsets of the text. */
  rangeAt(start: number, end: number): SourceRange;
  /** The node at a path of keys and indexes, or null. */
  nodeAt(path: readonly (string | number)[]): Node | null;
}

/** A diagnostic in manifest.yml with no quick fix. */
export function manifestDiagnostic(severity: Diagnostic['severity'], code: string, message: string, range: SourceRange): Diagnostic {
  return { severity, code, message, file: MANIFEST_FILE_NAME, fixes: [], ...range };
}

const START: SourceRange = { line: 1, column: 1, endLine: 1, endColumn: 2 };

// The last few texts parsed. One edit is read by the analysis, the Consent pane and the Preview pane,
// and the file on disk by the runner and the triggers: each text is parsed once, not once per reader.
// Readers only read a parse (documents and values are never changed in place).
const RECENT_PARSES = 3;
const recentParses = new Map<string, ParsedManifest>();

/** Parse without ever throwing and without unbounded work: size, binary, alias and nesting limits first. */
export function parseManifest(text: string): ParsedManifest {
  const known = recentParses.get(text);
  if (known) {
    // Most recently used last, so the oldest is the one dropped.
    recentParses.delete(text);
    recentParses.set(text, known);
    return known;
  }
  const parsed = parseAnew(text);
  recentParses.set(text, parsed);
  if (recentParses.size > RECENT_PARSES) recentParses.delete(recentParses.keys().next().value!);
  return parsed;
}

function parseAnew(text: string): ParsedManifest {
  const lineCounter = new LineCounter();
  const toRange = (start: number, end: number): SourceRange => {
    const from = lineCounter.linePos(start);
    const to = lineCounter.linePos(Math.max(end, start));
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  };
  const empty = (problems: Diagnostic[]): ParsedManifest => ({
    text,
    document: null,
    value: null,
    problems,
    rangeOf: () => START,
    rangeAt: () => START,
    nodeAt: () => null,
  });

  const bytes = manifestBytes(text);
  if (text.includes('\u0000')) {
    return empty([manifestDiagnostic('error', 'manifest-not-text', 'manifest.yml contains binary data (NUL bytes). Replace it with a YAML text file.', START)]);
  }
  // Refused before any YAML is read: the platform refuses it too, and parsing megabytes takes seconds.
  if (bytes > PLATFORM_MANIFEST_LIMIT_BYTES) return empty([manifestDiagnostic('error', 'manifest-too-large', manifestTooLargeMessage(bytes), START)]);
  const problems: Diagnostic[] = [];

  let document: Document.Parsed;
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return empty([...problems, manifestDiagnostic('error', 'yaml-unreadable', `manifest.yml could not be read as YAML: ${(error as Error).message}`, START)]);
  }
  for (const error of document.errors) problems.push(yamlErrorDiagnostic(text, error, toRange));
  for (const warning of document.warnings) {
    problems.push(manifestDiagnostic('warning', 'yaml-warning', yamlMessage(warning.message), toRange(warning.pos[0], warning.pos[1])));
  }

  let value: unknown = null;
  if (document.errors.length === 0) {
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (error) {
      const message = (error as Error).message;
      problems.push(
        /alias/i.test(message)
          ? manifestDiagnostic('error', 'yaml-alias-limit', `manifest.yml expands YAML aliases more than ${MAX_ALIAS_EXPANSIONS} times; write the values out instead of aliasing them.`, START)
          : manifestDiagnostic('error', 'yaml-unreadable', `manifest.yml could not be read: ${message}`, START),
      );
    }
  }

  const rangeOf = (node: Node | null | undefined): SourceRange => (node?.range ? toRange(node.range[0], node.range[1]) : START);
  const nodeAt = (path: readonly (string | number)[]): Node | null => {
    let current: unknown = document.contents;
    for (const step of path) {
      if (isMap(current)) current = current.get(step, true);
      else if (isSeq(current) && typeof step === 'number') current = current.items[step];
      else return null;
    }
    return (current as Node | undefined) ?? null;
  };
  return { text, document, value, problems, rangeOf, rangeAt: toRange, nodeAt };
}

/** The key node of `key` inside the map at `path` (for pointing at a key rather than its value). */
export function keyNodeAt(parsed: ParsedManifest, path: readonly (string | number)[], key: string): Node | null {
  const parent = parsed.nodeAt(path);
  if (!isMap(parent)) return null;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  return (pair?.key as Node | undefined) ?? null;
}

function yamlMessage(message: string): string {
  // The yaml library appends a code excerpt after a colon and newline; the editor shows the place itself.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+$/, '');
}
