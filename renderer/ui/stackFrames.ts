/** One line of an error text: a stack frame that names a file of the app, or any other text. */
export type StackLine = { text: string; place: null } | { text: string; place: { file: string; line: number }; before: string; where: string; after: string };

// `    at name (src/file.ts:12:5)` or `    at src/file.ts:12:5`: the frames Anvil maps to the app's
// files. The path is relative (`src/…`, `node_modules/…`) and never climbs out (`..`).
const FRAME = /^(\s*at (?:.+? \()?)((?:[\w@$.+-]+\/)*[\w@$.+-]+\.(?:[cm]?[jt]sx?)):(\d+):(\d+)(\)?)$/;

/**
 * Splits an invocation's error (its message, then one line per frame) into lines, marking the
 * frames that name a file of the app with that file and line, so the pane can open it there.
 */
export function stackLines(text: string): StackLine[] {
  return text.split('\n').map((text) => {
    const frame = FRAME.exec(text);
    if (!frame || frame[2]!.split('/').some((part) => part === '..' || part === '.')) return { text, place: null };
    const where = `${frame[2]}:${frame[3]}:${frame[4]}`;
    return { text, place: { file: frame[2]!, line: Number(frame[3]) }, before: frame[1]!, where, after: frame[5]! };
  });
}
