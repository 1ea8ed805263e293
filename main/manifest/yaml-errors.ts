import { CST, Lexer, type YAMLError } from 'yaml';
import type { Diagnostic, SourceRange } from '../../common/types';
import { manifestDiagnostic } from './parsed-manifest';

/** Tokens the lexer emits that are not characters of the text (document start, flow error end, scalar start). */
const SYNTHETIC_TOKENS = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/** What to do about the YAML errors a Forge developer meets most, by the parser's error code. */
const ADVICE: Record<string, string> = {
  TAB_AS_INDENT: 'Indent with spaces: YAML does not allow tabs for indentation.',
  BLOCK_AS_IMPLICIT_KEY: 'A value cannot hold another "key: value" on the same line: put the inner key on its own, indented line, or quote the value.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line: close the quote or bracket the line above opens, or join the key onto one line.',
  BAD_INDENT: 'Line the entry up with its siblings (same number of spaces), and close any [ or { list with its ] or }.',
  UNEXPECTED_TOKEN: 'Remove the stray character, or quote the value if it belongs to the text.',
  DUPLICATE_KEY: 'Keep one of the two keys: YAML keeps only one, and forge deploy refuses the manifest.',
};

/**
 * The parser's error, said as what to do and placed where the fix goes. An unclosed quote is
 * reported by the parser at the end of the file (everything after the quote became its value);
 * the place to fix is the quote that opened it.
 */
export function yamlErrorDiagnostic(text: string, error: YAMLError, toRange: (start: number, end: number) => SourceRange): Diagnostic {
  const code = error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
  const words = firstLine(error.message);
  if (error.code === 'MISSING_CHAR' && /quote/i.test(words)) {
    const opened = unclosedQuote(text);
    if (opened) {
      const { line } = toRange(opened.offset, opened.offset);
      return manifestDiagnostic(
        'error',
        'yaml-unclosed-quote',
        `The ${opened.quote} opened on line ${line} is never closed, so everything after it is read as one value. Add the closing ${opened.quote} at the end of the value, or remove the opening one.`,
        toRange(opened.offset, opened.offset + 1),
      );
    }
  }
  const advice = ADVICE[error.code];
  return manifestDiagnostic('error', code, advice ? `${words}. ${advice}` : words, toRange(error.pos[0], error.pos[1]));
}

/** The opening quote of a quoted value that runs to the end of the text, if there is one. */
function unclosedQuote(text: string): { offset: number; quote: '"' | "'" } | null {
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (SYNTHETIC_TOKENS.has(token)) continue;
    const type = CST.tokenType(token);
    if ((type === 'double-quoted-scalar' || type === 'single-quoted-scalar') && !closes(token)) {
      return { offset, quote: token[0] as '"' | "'" };
    }
    offset += token.length;
  }
  return null;
}

/** Whether a quoted scalar's source ends with its own (unescaped) closing quote. */
function closes(source: string): boolean {
  const quote = source[0]!;
  if (source.length < 2 || !source.endsWith(quote)) return false;
  if (quote === "'") {
    // Inside single quotes '' is an escaped quote: the value is closed by an odd run of quotes at its end.
    let run = 0;
    for (let index = source.length - 1; index > 0 && source[index] === "'"; index -= 1) run += 1;
    return run % 2 === 1;
  }
  let backslashes = 0;
  for (let index = source.length - 2; index > 0 && source[index] === '\\'; index -= 1) backslashes += 1;
  return backslashes % 2 === 0;
}

function firstLine(message: string): string {
  // The yaml library appends a code excerpt after a colon and newline; the editor shows the place itself.
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+$/, '')
    .replace(/\.$/, '');
}
