/**
 * Syntax colours for the source viewer, from Monaco's own tokenizers (the editor's JavaScript and
 * TypeScript grammars), drawn as text in spans: the app's code never reaches the page as markup.
 * Loaded with the viewer, not with the workbench: Monaco's language grammars load on first use.
 */
export type TokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'regexp' | 'type' | 'delimiter' | 'plain';

export interface SourceToken {
  text: string;
  kind: TokenKind;
}

/** The line breaks Monaco's tokenizer splits on, so its lines and the viewer's are the same lines. */
export const LINE_BREAK = /\r\n|\r|\n/;

const LANGUAGES: Record<string, string> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
  yml: 'yaml',
  yaml: 'yaml',
};

/** Monaco's language for a file name, or null when the viewer shows it as plain text. */
export function languageOf(file: string): string | null {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  return extension ? (LANGUAGES[extension] ?? null) : null;
}

/** What a Monarch token type (`keyword.js`, `string.escape.ts`, `comment.doc.js`) is drawn as. */
export function tokenKind(type: string): TokenKind {
  const head = type.split('.')[0] ?? '';
  if (head === 'keyword') return 'keyword';
  if (head === 'string' || head === 'attribute') return 'string';
  if (head === 'comment') return 'comment';
  if (head === 'number') return 'number';
  if (head === 'regexp') return 'regexp';
  if (head === 'type') return 'type';
  if (head === 'delimiter') return 'delimiter';
  return 'plain';
}

/** Cuts each line at its tokens' offsets; null when the tokens do not fit the lines (then the text is shown plain). */
export function tokensToLines(lines: string[], tokens: { offset: number; type: string }[][]): SourceToken[][] | null {
  if (tokens.length !== lines.length) return null;
  return lines.map((line, index) => {
    const starts = tokens[index]!;
    const out: SourceToken[] = [];
    for (let at = 0; at < starts.length; at += 1) {
      const start = starts[at]!.offset;
      const end = at + 1 < starts.length ? starts[at + 1]!.offset : line.length;
      if (end > start) out.push({ text: line.slice(start, end), kind: tokenKind(starts[at]!.type) });
    }
    // Text before the first token (none from Monaco, but never drop characters).
    const first = starts[0]?.offset ?? line.length;
    if (first > 0) out.unshift({ text: line.slice(0, first), kind: 'plain' });
    return out;
  });
}

/** The file's lines as coloured tokens; null when there is no grammar for it or it could not be loaded. */
export async function highlightSource(file: string, text: string): Promise<SourceToken[][] | null> {
  const language = languageOf(file);
  if (!language) return null;
  const { monaco } = await import('./monacoGrammars');
  // colorize waits for the language's grammar to load; tokenize then uses it.
  await monaco.editor.colorize('', language, {});
  return tokensToLines(text.split(LINE_BREAK), monaco.editor.tokenize(text, language));
}
