/**
 * A small evaluator for the subset of Jira expressions that trigger filters use: member access,
 * literals, comparisons, `&&` `||` `!`, parentheses and `.includes(x)`. It has its own tokenizer
 * and parser and only ever reads own data properties of plain values: app-supplied text is never
 * handed to eval/Function, and no getter or method of the event is ever called.
 */

export class ExpressionError extends Error {
  /** `unsupported`: valid Jira perhaps, but outside what Anvil evaluates; `refused`: reaches for JavaScript internals. */
  constructor(
    message: string,
    readonly kind: 'syntax' | 'unsupported' | 'refused' | 'runtime' | 'limit',
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** Longer filters than this are refused before tokenizing, so hostile input costs nothing. */
export const MAX_EXPRESSION_LENGTH = 2000;
/** Nesting of parentheses, `!`, `-`, indexes and call arguments; keeps recursion far from the stack limit. */
export const MAX_EXPRESSION_DEPTH = 32;

// Names that lead to prototypes or constructors: refused even though own-property reads could not reach them.
const FORBIDDEN_NAMES = new Set(['__proto__', 'prototype', 'constructor', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

type Literal = string | number | boolean | null;

type Node =
  | { kind: 'literal'; value: Literal }
  | { kind: 'variable'; name: string }
  | { kind: 'member'; object: Node; property: string | Node }
  | { kind: 'includes'; target: Node; argument: Node }
  | { kind: 'unary'; operator: '!' | '-'; operand: Node }
  | { kind: 'binary'; operator: string; left: Node; right: Node };

interface Token {
  kind: 'name' | 'string' | 'number' | 'punct' | 'end';
  text: string;
  value?: string | number;
  position: number;
}

const PUNCTUATION = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '-', '.', '(', ')', '[', ']', ','];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    const start = i;
    if (/[A-Za-z_$]/.test(char)) {
      while (i < source.length && /[A-Za-z0-9_$]/.test(source[i]!)) i += 1;
      tokens.push({ kind: 'name', text: source.slice(start, i), position: start });
      continue;
    }
    if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      i += match[0].length;
      tokens.push({ kind: 'number', text: match[0], value: Number(match[0]), position: start });
      continue;
    }
    if (char === '"' || char === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= source.length) throw new ExpressionError(`the string starting at position ${start + 1} is never closed`, 'syntax');
        const next = source[i]!;
        if (next === char) break;
        if (next === '\\') {
          const escaped = ESCAPES[source[i + 1] ?? ''];
          if (escaped === undefined) throw new ExpressionError(`unsupported escape "\\${source[i + 1] ?? ''}" at position ${i + 1}`, 'unsupported');
          value += escaped;
          i += 2;
          continue;
        }
        value += next;
        i += 1;
      }
      i += 1;
      tokens.push({ kind: 'string', text: source.slice(start, i), value, position: start });
      continue;
    }
    if (source.startsWith('===', i) || source.startsWith('!==', i)) {
      throw new ExpressionError(`"${source.slice(i, i + 3)}" at position ${i + 1} is not a Jira expression operator; use "${source.slice(i, i + 2)}"`, 'syntax');
    }
    const punct = PUNCTUATION.find((candidate) => source.startsWith(candidate, i));
    if (!punct) throw new ExpressionError(`unexpected character "${char}" at position ${i + 1}`, 'unsupported');
    i += punct.length;
    tokens.push({ kind: 'punct', text: punct, position: start });
  }
  tokens.push({ kind: 'end', text: 'the end', position: source.length });
  return tokens;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    const rest = this.peek();
    if (rest.kind !== 'end') throw new ExpressionError(`unexpected "${rest.text}" at position ${rest.position + 1}`, 'syntax');
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private accept(text: string): boolean {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === text) {
      this.index += 1;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    const token = this.peek();
    if (!this.accept(text)) throw new ExpressionError(`expected "${text}" at position ${token.position + 1}, found "${token.text}"`, 'syntax');
  }

  // Every construct that recurses goes through here, so a deeply nested input fails with a clear message.
  private nested<T>(parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_EXPRESSION_DEPTH) throw new ExpressionError(`the expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels`, 'limit');
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  private binaryLevel(operators: string[], operand: () => Node): Node {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'punct' || !operators.includes(token.text)) return left;
      this.next();
      left = { kind: 'binary', operator: token.text, left, right: operand() };
    }
  }

  private or(): Node {
    return this.binaryLevel(['||'], () => this.and());
  }

  private and(): Node {
    return this.binaryLevel(['&&'], () => this.equality());
  }

  private equality(): Node {
    return this.binaryLevel(['==', '!='], () => this.comparison());
  }

  private comparison(): Node {
    return this.binaryLevel(['<', '>', '<=', '>='], () => this.unary());
  }

  private unary(): Node {
    const token = this.peek();
    if (token.kind === 'punct' && (token.text === '!' || token.text === '-')) {
      this.next();
      return this.nested(() => ({ kind: 'unary', operator: token.text as '!' | '-', operand: this.unary() }));
    }
    return this.postfix();
  }

  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.accept('.')) {
        const name = this.next();
        if (name.kind !== 'name') throw new ExpressionError(`expected a property name after "." at position ${name.position + 1}`, 'syntax');
        if (this.peek().text === '(' && this.peek().kind === 'punct') {
          if (name.text !== 'includes') {
            throw new ExpressionError(`calling ".${name.text}(…)" is not supported; Anvil evaluates only ".includes(…)"`, 'unsupported');
          }
          this.next();
          const argument = this.nested(() => this.or());
          if (this.peek().text === ',') throw new ExpressionError('".includes(…)" takes one argument here', 'unsupported');
          this.expect(')');
          node = { kind: 'includes', target: node, argument };
        } else {
          node = { kind: 'member', object: node, property: name.text };
        }
      } else if (this.accept('[')) {
        const property = this.nested(() => this.or());
        this.expect(']');
        node = { kind: 'member', object: node, property };
      } else if (this.peek().kind === 'punct' && this.peek().text === '(') {
        throw new ExpressionError(`calling a value at position ${this.peek().position + 1} is not supported; Anvil evaluates only ".includes(…)"`, 'unsupported');
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    const token = this.next();
    if (token.kind === 'number' || token.kind === 'string') return { kind: 'literal', value: token.value! };
    if (token.kind === 'name') {
      if (token.text === 'true') return { kind: 'literal', value: true };
      if (token.text === 'false') return { kind: 'literal', value: false };
      if (token.text === 'null') return { kind: 'literal', value: null };
      return { kind: 'variable', name: token.text };
    }
    if (token.kind === 'punct' && token.text === '(') {
      const inner = this.nested(() => this.or());
      this.expect(')');
      return inner;
    }
    throw new ExpressionError(`unexpected "${token.text}" at position ${token.position + 1}`, 'syntax');
  }
}

/** A parsed expression (opaque to callers). */
export type ExpressionNode = Node;

/** Parses an expression once, e.g. to report a bad filter when the manifest loads; throws ExpressionError. */
export function parseExpression(source: string): ExpressionNode {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`the expression is ${source.length} characters long; Anvil evaluates at most ${MAX_EXPRESSION_LENGTH}`, 'limit');
  }
  if (source.trim() === '') throw new ExpressionError('the expression is empty', 'syntax');
  return new Parser(tokenize(source)).parse();
}

function describe(node: Node): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'variable':
      return node.name;
    case 'member':
      return typeof node.property === 'string' ? `${describe(node.object)}.${node.property}` : `${describe(node.object)}[${describe(node.property)}]`;
    case 'includes':
      return `${describe(node.target)}.includes(${describe(node.argument)})`;
    case 'unary':
      return `${node.operator}${describe(node.operand)}`;
    case 'binary':
      return `(${describe(node.left)} ${node.operator} ${describe(node.right)})`;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

// Only values JSON could carry get through; a function or symbol in the event is an error, never called.
function checkValue(value: unknown, where: string): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'object') return value;
  throw new ExpressionError(`${where} is ${typeName(value)}, which a filter cannot use`, 'runtime');
}

function readProperty(target: unknown, name: string | number, where: string): unknown {
  if (target === null || target === undefined) throw new ExpressionError(`${where} is ${typeName(target)}, so it has no property "${name}"`, 'runtime');
  if (typeof name === 'string' && FORBIDDEN_NAMES.has(name)) throw new ExpressionError(`reading "${name}" is refused: it leads to JavaScript internals, not event data`, 'refused');
  if (typeof target === 'string' || Array.isArray(target)) {
    if (name === 'length') return target.length;
    if (typeof name === 'number' || /^(0|[1-9][0-9]*)$/.test(name)) {
      const position = Number(name);
      return typeof target === 'string' ? target[position] : ownValue(target, String(position));
    }
    return undefined;
  }
  if (typeof target !== 'object') throw new ExpressionError(`${where} is ${typeName(target)}, so it has no property "${name}"`, 'runtime');
  return ownValue(target, String(name));
}

// The descriptor's value only: an accessor (getter) is treated as missing, so no event code runs.
function ownValue(target: object, name: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

function same(a: unknown, b: unknown): boolean {
  // Jira expressions have no undefined: a missing property compares like null.
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return a === b;
}

function requireBoolean(value: unknown, operator: string, node: Node): boolean {
  if (typeof value !== 'boolean') throw new ExpressionError(`${operator} needs true or false, but ${describe(node)} is ${typeName(value)}`, 'runtime');
  return value;
}

function evaluateNode(node: Node, variables: Readonly<Record<string, unknown>>): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'variable':
      if (!Object.prototype.hasOwnProperty.call(variables, node.name)) {
        throw new ExpressionError(`unknown name "${node.name}"; a trigger filter can read only ${Object.keys(variables).join(', ')}`, 'runtime');
      }
      return checkValue(variables[node.name], node.name);
    case 'member': {
      const target = evaluateNode(node.object, variables);
      const where = describe(node.object);
      const key = typeof node.property === 'string' ? node.property : evaluateNode(node.property, variables);
      if (typeof key !== 'string' && typeof key !== 'number') throw new ExpressionError(`an index must be a string or number, not ${typeName(key)}`, 'runtime');
      return checkValue(readProperty(target, key, where), describe(node));
    }
    case 'includes': {
      const target = evaluateNode(node.target, variables);
      const argument = evaluateNode(node.argument, variables);
      if (typeof target === 'string') {
        if (typeof argument !== 'string') throw new ExpressionError(`${describe(node.target)}.includes(…) needs a string, not ${typeName(argument)}`, 'runtime');
        return target.includes(argument);
      }
      if (Array.isArray(target)) return target.some((item) => same(item, argument));
      throw new ExpressionError(`${describe(node.target)} is ${typeName(target)}, which has no .includes(…)`, 'runtime');
    }
    case 'unary': {
      const operand = evaluateNode(node.operand, variables);
      if (node.operator === '!') return !requireBoolean(operand, '!', node.operand);
      if (typeof operand !== 'number') throw new ExpressionError(`- needs a number, but ${describe(node.operand)} is ${typeName(operand)}`, 'runtime');
      return -operand;
    }
    case 'binary':
      return evaluateBinary(node, variables);
  }
}

function evaluateBinary(node: Extract<Node, { kind: 'binary' }>, variables: Readonly<Record<string, unknown>>): unknown {
  const left = evaluateNode(node.left, variables);
  // && and || short-circuit like Jira, so a guard such as `x != null && x.y == 1` works.
  if (node.operator === '&&') return requireBoolean(left, '&&', node.left) && requireBoolean(evaluateNode(node.right, variables), '&&', node.right);
  if (node.operator === '||') return requireBoolean(left, '||', node.left) || requireBoolean(evaluateNode(node.right, variables), '||', node.right);
  const right = evaluateNode(node.right, variables);
  if (node.operator === '==') return same(left, right);
  if (node.operator === '!=') return !same(left, right);
  const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) {
    throw new ExpressionError(`cannot compare ${typeName(left)} (${describe(node.left)}) with ${typeName(right)} (${describe(node.right)}) using ${node.operator}`, 'runtime');
  }
  const [a, b] = [left as number | string, right as number | string];
  if (node.operator === '<') return a < b;
  if (node.operator === '>') return a > b;
  if (node.operator === '<=') return a <= b;
  return a >= b;
}

/** Evaluates `source` with the given variables (for trigger filters, just `event`). Throws ExpressionError. */
export function evaluateExpression(source: string | ExpressionNode, variables: Readonly<Record<string, unknown>>): unknown {
  return evaluateNode(typeof source === 'string' ? parseExpression(source) : source, variables);
}
