/**
 * Just enough GraphQL for a stand-in gateway: the operation's name, its root field, and its selection
 * set as a tree, so an answer carries only the fields the client asked for (as a real GraphQL server
 * answers). A client that reads a field it never selected then fails against the stand-in too.
 */
export interface Selection {
  [field: string]: Selection | true;
}

export interface ParsedOperation {
  operationName: string | null;
  /** The first field of the operation's selection set. */
  rootField: string | null;
  selection: Selection;
}

export function parseOperation(query: string): ParsedOperation {
  const operationName = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? null;
  const withoutArguments = stripParentheses(query.replace(/#[^\n]*/g, ''));
  const start = withoutArguments.indexOf('{');
  if (start < 0) return { operationName, rootField: null, selection: {} };
  const tokens = withoutArguments.slice(start).match(/[{}]|[A-Za-z_][\w]*/g) ?? [];
  let position = 0;
  const readSet = (): Selection => {
    const set: Selection = {};
    position++; // the opening brace
    let last: string | null = null;
    while (position < tokens.length && tokens[position] !== '}') {
      const token = tokens[position]!;
      if (token === '{' && last !== null) {
        set[last] = readSet();
        continue;
      }
      set[token] = true;
      last = token;
      position++;
    }
    position++; // the closing brace
    return set;
  };
  const selection = readSet();
  return { operationName, rootField: Object.keys(selection)[0] ?? null, selection };
}

/** The operation's variable declarations and field arguments removed, braces inside them included. */
function stripParentheses(text: string): string {
  let depth = 0;
  let out = '';
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += char;
  }
  return out;
}

/** `value` with only the fields `selection` names, at every depth (lists projected item by item). */
export function project(value: unknown, selection: Selection | true): unknown {
  if (selection === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => project(item, selection));
  const out: Record<string, unknown> = {};
  for (const [field, sub] of Object.entries(selection)) {
    if (field === '__typename') continue;
    if (Object.hasOwn(value, field)) out[field] = project((value as Record<string, unknown>)[field], sub);
  }
  return out;
}
