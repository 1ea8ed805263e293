/** What a `handler:` or `function:` value under the cursor leads to, and where that value is written. */
export interface HandlerTarget {
  /** The handler to locate, as the manifest writes it (`index.run`). */
  handler: string;
  /** The value's place on its line (1-based columns, end exclusive). */
  line: number;
  startColumn: number;
  endColumn: number;
}

const VALUE_LINE = /^(\s*(?:-\s+)?)(handler|function):(\s*)(["']?)([\w.\-/]+)\4\s*(?:#.*)?$/;
const ITEM_START = /^(\s*)-\s+(.*)$/;
const PROPERTY = /^([\w-]+):\s*(["']?)([^"'#]*?)\2\s*(?:#.*)?$/;

/**
 * Function module keys and their handlers, read from the manifest's list items (`- key: x` with a
 * `handler: y` beside it). Line-based on purpose: the text being typed is often not valid YAML yet.
 */
export function functionHandlers(lines: readonly string[]): Map<string, string> {
  const handlers = new Map<string, string>();
  const open: { indent: number; props: Map<string, string> }[] = [];
  const close = (indent: number) => {
    while (open.length > 0 && open[open.length - 1]!.indent > indent) {
      const item = open.pop()!;
      const key = item.props.get('key');
      const handler = item.props.get('handler');
      if (key && handler && !handlers.has(key)) handlers.set(key, handler);
    }
  };
  for (const line of lines) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = ITEM_START.exec(line);
    const indent = item ? item[1]!.length : (/^\s*/.exec(line)?.[0].length ?? 0);
    close(item ? indent : indent - 1);
    const content = item ? item[2]! : line.trim();
    if (item) open.push({ indent: indent + 1, props: new Map() });
    const property = PROPERTY.exec(content);
    const current = open[open.length - 1];
    if (property && current && (item || indent === current.indent + 1)) current.props.set(property[1]!, property[3]!.trim());
  }
  close(-1);
  return handlers;
}

/**
 * The handler a position in the manifest points at: the value of `handler:` itself, or the value
 * of `function:` (a function module's key), through that module's handler. Null elsewhere, and for
 * a `function:` key no function module defines.
 */
export function handlerTargetAt(lines: readonly string[], line: number, column: number): HandlerTarget | null {
  const text = lines[line - 1];
  const match = text === undefined ? null : VALUE_LINE.exec(text);
  if (!match) return null;
  const startColumn = match[1]!.length + match[2]!.length + 1 + match[3]!.length + match[4]!.length + 1;
  const endColumn = startColumn + match[5]!.length;
  if (column < startColumn || column > endColumn) return null;
  const value = match[5]!;
  const handler = match[2] === 'handler' ? value : functionHandlers(lines).get(value);
  return handler ? { handler, line, startColumn, endColumn } : null;
}
