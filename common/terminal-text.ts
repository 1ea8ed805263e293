/**
 * Text an app produced (console lines, errors, URLs, results), made safe to write to a terminal.
 * A terminal obeys control characters: ESC and the C1 controls start sequences that recolour, clear
 * the screen, set the clipboard (OSC 52) or plant links (OSC 8); `\r` and `\n` overwrite a line or
 * forge a new one that looks like Anvil's own; bidirectional overrides reorder what is read. Each
 * becomes a visible escape (`\x1b`, `\r`, `\n`, `\u202e`), so the line shows what the app sent and
 * cannot steer the terminal. Anvil's own colours are added around the escaped text, never inside it.
 */

// C0 controls except tab, DEL, C1 controls, and the Unicode marks and overrides that reorder text.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same without the C0 controls, which JSON.stringify already escapes.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

/** `text` with every character that could steer a terminal shown as a visible escape. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (found) => NAMED[found] ?? escapeOf(found));
}

/**
 * Shown at the start of each further line of a multi-line app message (a stack trace, pretty JSON):
 * Anvil's own lines start with their level, so a line the app writes can never pass for one.
 */
export const CONTINUATION_MARK = '  \u2502 ';

/**
 * A log message for a terminal: like `visibleText`, except that line breaks stay line breaks (a
 * stack trace stays readable), each further line behind `CONTINUATION_MARK`. A lone `\r` is still
 * shown as an escape: it would overwrite the line. `newline` is `\r\n` for xterm.
 */
export function visibleLines(text: string, newline = '\n'): string {
  return text.split(/\r?\n/).map(visibleText).join(`${newline}${CONTINUATION_MARK}`);
}

/** JSON for a terminal: what JSON.stringify leaves raw (DEL, C1, direction marks) as `\u` escapes; still valid JSON. */
export function terminalJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  // undefined (a function, a symbol) prints as nothing, like console.log of JSON.stringify would.
  if (json === undefined) return '';
  return json.replace(UNSAFE_IN_JSON, (found) => `\\u${found.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeOf(found: string): string {
  const code = found.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
