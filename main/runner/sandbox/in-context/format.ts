/**
 * In-context piece: Node's `util.format` and `util.inspect`, so console lines read exactly as they
 * do on the platform (its logs show what Node prints): `a { b: 1 }`, `%s %d %i %f %j %o %O %c`,
 * quoting and escaping of strings, `[Function: f]`, `[class A extends B]`, depth 2 then `[Object]`,
 * `<ref *1>` and `[Circular *1]`, `Map(1) { 'a' => 1 }`, sparse arrays, more than 100 items, grouping
 * of long arrays into columns, the 80-column line breaking, errors with their stack, `cause` and own
 * properties, boxed primitives, typed arrays, and `[nodejs.util.inspect.custom]`. It follows Node's
 * own algorithm (lib/internal/util/inspect.js) step by step, and a test compares it with the host's
 * util.format on a table of inputs. Every value is turned into text inside the context, never in
 * the host. Runs as text inside the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

/** Any object or function being inspected, read by key. */
type Inspected = { [key: string | symbol]: unknown };
type Key = string | symbol;
type Braces = [string, string];
/** Lists the entries of a value (array items, set values, map entries…) as text. */
type Formatter = (ctx: InspectContext, value: never, recurseTimes: number) => string[];
type Comparator = (a: string, b: string) => number;
/** A typed array as inspect reads it: items by index, its length and its other properties by name. */
type TypedArrayLike = { length: number; [index: number]: number | bigint; [key: string]: unknown };

/** Node's inspect options. */
interface InspectOptions {
  showHidden: boolean;
  depth: number | null;
  colors: boolean;
  customInspect: boolean;
  showProxy: boolean;
  maxArrayLength: number;
  maxStringLength: number;
  breakLength: number;
  compact: boolean | number;
  sorted: boolean | Comparator;
  getters: boolean;
  numericSeparator: boolean;
}

/** The state of one inspect call, as Node's `ctx`. */
interface InspectContext extends InspectOptions {
  seen: unknown[];
  indentationLvl: number;
  currentDepth: number;
  circular: Map<unknown, number> | undefined;
  userOptions: InspectOptions;
}

declare module './kernel' {
  interface Kernel {
    /** Node's util.format, inside the context. */
    format(...args: unknown[]): string;
    formatWithOptions(inspectOptions: object | undefined, ...args: unknown[]): string;
    /** Node's util.inspect, inside the context. */
    inspect(value: unknown, options?: object): string;
    /** A string as it is; anything else inspected. */
    describe(value: unknown): string;
  }
}

/** Installs k.format, k.formatWithOptions, k.inspect and k.describe. */
export function installFormat(k: Kernel): void {
  const objectToString = Object.prototype.toString;
  const functionToString = Function.prototype.toString;
  const hasOwn = (o: unknown, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, key);
  const isEnumerable = (o: unknown, key: PropertyKey): boolean => Object.prototype.propertyIsEnumerable.call(o, key);
  const getDescriptor = Object.getOwnPropertyDescriptor;
  const getProto = Object.getPrototypeOf as (o: unknown) => Inspected | null;
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const brand = (proto: object, name: PropertyKey) => {
    const d = getDescriptor(proto, name);
    return (v: unknown): boolean => {
      try {
        d!.get!.call(v);
        return true;
      } catch {
        return false;
      }
    };
  };
  const valueBrand =
    (fn: (this: never) => unknown) =>
    (v: unknown): boolean => {
      try {
        fn.call(v as never);
        return true;
      } catch {
        return false;
      }
    };
  const isMap = brand(Map.prototype, 'size') as (v: unknown) => v is Map<unknown, unknown>;
  const isSet = brand(Set.prototype, 'size') as (v: unknown) => v is Set<unknown>;
  const isArrayBuffer = brand(ArrayBuffer.prototype, 'byteLength');
  const typedArrayProto = getProto(Uint8Array.prototype) as object;
  const typedArrayTag = getDescriptor(typedArrayProto, Symbol.toStringTag)!.get!;
  const isTypedArray = (v: unknown) => typedArrayTag.call(v) !== undefined;
  const isDataView = brand(DataView.prototype, 'byteLength');
  const isDate = valueBrand(Date.prototype.getTime);
  const hasRegExpSource = brand(RegExp.prototype, 'source');
  const isRegExpValue = (v: unknown) => v !== RegExp.prototype && hasRegExpSource(v);
  const isNumberObject = (v: unknown) => typeof v === 'object' && valueBrand(Number.prototype.valueOf)(v);
  const isStringObject = (v: unknown) => typeof v === 'object' && valueBrand(String.prototype.valueOf)(v);
  const isBooleanObject = (v: unknown) => typeof v === 'object' && valueBrand(Boolean.prototype.valueOf)(v);
  const isBigIntObject = (v: unknown) => typeof v === 'object' && valueBrand(BigInt.prototype.valueOf)(v);
  const isSymbolObject = (v: unknown) => typeof v === 'object' && valueBrand(Symbol.prototype.valueOf)(v);
  const isWeakMap = valueBrand(function (this: WeakMap<object, unknown>) {
    WeakMap.prototype.has.call(this, {});
  });
  const isWeakSet = valueBrand(function (this: WeakSet<object>) {
    WeakSet.prototype.has.call(this, {});
  });
  const isPromise = (v: unknown) => v instanceof Promise;
  function isError(v: unknown): boolean {
    try {
      return v instanceof Error || (objectToString.call(v) === '[object Error]' && !hasOwn(v, Symbol.toStringTag));
    } catch {
      return false;
    }
  }
  const builtInObjects = new Set(Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name)));
  for (const name of [
    'Object',
    'Function',
    'Array',
    'Number',
    'Boolean',
    'String',
    'Symbol',
    'Date',
    'Promise',
    'RegExp',
    'Error',
    'AggregateError',
    'EvalError',
    'RangeError',
    'ReferenceError',
    'SyntaxError',
    'TypeError',
    'URIError',
    'ArrayBuffer',
    'Uint8Array',
    'Int8Array',
    'Uint16Array',
    'Int16Array',
    'Uint32Array',
    'Int32Array',
    'Float32Array',
    'Float64Array',
    'Uint8ClampedArray',
    'BigUint64Array',
    'BigInt64Array',
    'DataView',
    'Map',
    'BigInt',
    'Set',
    'WeakMap',
    'WeakSet',
    'Proxy',
    'Reflect',
    'WeakRef',
    'FinalizationRegistry',
    'SharedArrayBuffer',
  ])
    builtInObjects.add(name);

  const defaults: InspectOptions = {
    showHidden: false,
    depth: 2,
    colors: false,
    customInspect: true,
    showProxy: false,
    maxArrayLength: 100,
    maxStringLength: 10000,
    breakLength: 80,
    compact: 3,
    sorted: false,
    getters: false,
    numericSeparator: false,
  };
  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;
  const kMinLineWidth = 16;
  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const classRegExp = /^(\s+[^(]*?)\s*{/;
  const stripCommentsRegExp = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;
  const strEscapeSequencesReplacer = /[\x00-\x1f\x27\x5c\x7f-\x9f]/g;
  const meta: string[] = [];
  for (let i = 0; i < 160; i++) meta.push(i < 32 || i > 126 ? '\\x' + (i < 16 ? '0' : '') + i.toString(16).toUpperCase() : '');
  meta[8] = '\\b';
  meta[9] = '\\t';
  meta[10] = '\\n';
  meta[12] = '\\f';
  meta[13] = '\\r';
  meta[39] = "\\'";
  meta[92] = '\\\\';
  const escapeFn = (s: string) => meta[s.charCodeAt(0)] as string;

  function addQuotes(str: string, quotes: number): string {
    if (quotes === -1) return '"' + str + '"';
    if (quotes === -2) return '\u0060' + str + '\u0060';
    return "'" + str + "'";
  }
  function strEscape(str: string): string {
    let singleQuote = 39;
    if (str.includes("'")) {
      if (!str.includes('"')) singleQuote = -1;
      else if (!str.includes('\u0060') && !str.includes('$' + '{')) singleQuote = -2;
    }
    let result = '';
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const point = str.charCodeAt(i);
      if (point === singleQuote || point === 92 || point < 32 || (point > 126 && point < 160)) {
        result += str.slice(last, i) + meta[point];
        last = i + 1;
      } else if (point >= 0xd800 && point <= 0xdfff) {
        if (point <= 0xdbff && i + 1 < str.length) {
          const next = str.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            i++;
            continue;
          }
        }
        result += str.slice(last, i) + '\\u' + point.toString(16);
        last = i + 1;
      }
    }
    if (last !== str.length) result += str.slice(last);
    return addQuotes(result, singleQuote);
  }
  function formatNumber(value: number): string {
    return Object.is(value, -0) ? '-0' : '' + value;
  }
  function formatBigInt(value: bigint): string {
    return value + 'n';
  }
  function formatPrimitive(value: unknown, ctx: InspectContext): string {
    if (typeof value === 'string') {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = value.slice(0, ctx.maxStringLength);
        trailer = '... ' + remaining + ' more character' + (remaining > 1 ? 's' : '');
      }
      const text = value as string;
      if (ctx.compact !== true && text.length > kMinLineWidth && text.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return (
          text
            .split(/(?<=\n)/)
            .map((line) => strEscape(line))
            .join(' +\n' + ' '.repeat(ctx.indentationLvl + 2)) + trailer
        );
      }
      return strEscape(text) + trailer;
    }
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'bigint') return formatBigInt(value);
    if (typeof value === 'boolean') return '' + value;
    if (typeof value === 'undefined') return 'undefined';
    return Symbol.prototype.toString.call(value as symbol);
  }

  function getPrefix(constructor: string | null, tag: string, fallback: string, size?: string): string {
    size = size || '';
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) return '[' + fallback + size + ': null prototype] [' + tag + '] ';
      return '[' + fallback + size + ': null prototype] ';
    }
    if (tag !== '' && constructor !== tag) return constructor + size + ' [' + tag + '] ';
    return constructor + size + ' ';
  }
  function isInstanceof(object: unknown, proto: unknown): boolean {
    try {
      return object instanceof (proto as new () => unknown);
    } catch {
      return false;
    }
  }
  function getConstructorName(obj: Inspected | null, ctx: InspectContext, recurseTimes: number): string | null {
    let firstProto: Inspected | null | undefined;
    const tmp = obj;
    while (obj) {
      const descriptor = getDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '' && isInstanceof(tmp, descriptor.value)) return String(descriptor.value.name);
      obj = getProto(obj);
      if (firstProto === undefined) firstProto = obj;
    }
    if (firstProto === null) return null;
    const res = 'Object';
    if (recurseTimes > (ctx.depth as number) && ctx.depth !== null) return res + ' <Complex prototype>';
    const protoConstr = getConstructorName(firstProto as Inspected, ctx, recurseTimes + 1);
    if (protoConstr === null) return res + ' <' + inspect(firstProto, Object.assign({}, ctx, { customInspect: false, depth: -1 })) + '>';
    return res + ' <' + protoConstr + '>';
  }
  function getKeys(value: Inspected, showHidden: boolean): Key[] {
    const symbols = Object.getOwnPropertySymbols(value);
    if (showHidden) return (Object.getOwnPropertyNames(value) as Key[]).concat(symbols);
    const keys: Key[] = Object.keys(value);
    for (const symbol of symbols) if (isEnumerable(value, symbol)) keys.push(symbol);
    return keys;
  }
  function isIndex(key: string): boolean {
    return numberRegExp.test(key) && +key < 4294967295;
  }
  function getOwnNonIndexProperties(value: Inspected, showHidden: boolean): Key[] {
    const names = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
    const keys: Key[] = names.filter((key) => !isIndex(key));
    for (const symbol of Object.getOwnPropertySymbols(value)) if (showHidden || isEnumerable(value, symbol)) keys.push(symbol);
    return keys;
  }

  function formatValue(ctx: InspectContext, value: unknown, recurseTimes: number, typedArray?: boolean): string {
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
    if (value === null) return 'null';
    const object = value as Inspected;
    const context = value;
    if (ctx.customInspect) {
      const maybeCustom = object[customInspect];
      if (typeof maybeCustom === 'function' && maybeCustom !== inspect && !(object.constructor && (object.constructor as { prototype?: unknown }).prototype === value)) {
        const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
        const options = Object.assign({}, ctx.userOptions, { depth: depth, stylize: (s: string) => s });
        const ret: unknown = maybeCustom.call(context, depth, options, inspect);
        if (ret !== context) {
          if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
          return ret.split('\n').join('\n' + ' '.repeat(ctx.indentationLvl));
        }
      }
    }
    if (ctx.seen.includes(value)) {
      let index: number | undefined = 1;
      if (ctx.circular === undefined) {
        ctx.circular = new Map();
        ctx.circular.set(value, index);
      } else {
        index = ctx.circular.get(value);
        if (index === undefined) {
          index = ctx.circular.size + 1;
          ctx.circular.set(value, index);
        }
      }
      return '[Circular *' + index + ']';
    }
    return formatRaw(ctx, object, recurseTimes, typedArray);
  }

  function formatRaw(ctx: InspectContext, value: Inspected, recurseTimes: number, typedArray?: boolean): string {
    let keys!: Key[];
    const constructor = getConstructorName(value, ctx, recurseTimes);
    let tag = value[Symbol.toStringTag];
    if (typeof tag !== 'string' || (tag !== '' && (ctx.showHidden ? hasOwn : isEnumerable)(value, Symbol.toStringTag))) tag = '';
    const tagText = tag as string;
    let base = '';
    let formatter: Formatter = () => [];
    let braces!: Braces;
    let noIterator = true;
    let extrasType = kObjectType;
    if (Symbol.iterator in value || constructor === null) {
      noIterator = false;
      if (Array.isArray(value)) {
        const prefix = constructor !== 'Array' || tagText !== '' ? getPrefix(constructor, tagText, 'Array', '(' + value.length + ')') : '';
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        braces = [prefix + '[', ']'];
        if (value.length === 0 && keys.length === 0) return braces[0] + ']';
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (isSet(value)) {
        const size = value.size;
        const prefix = getPrefix(constructor, tagText, 'Set', '(' + size + ')');
        keys = getKeys(value as unknown as Inspected, ctx.showHidden);
        formatter = (c, v, r) => formatSet(value, c, r);
        if (size === 0 && keys.length === 0) return prefix + '{}';
        braces = [prefix + '{', '}'];
      } else if (isMap(value)) {
        const size = value.size;
        const prefix = getPrefix(constructor, tagText, 'Map', '(' + size + ')');
        keys = getKeys(value as unknown as Inspected, ctx.showHidden);
        formatter = (c, v, r) => formatMap(value, c, r);
        if (size === 0 && keys.length === 0) return prefix + '{}';
        braces = [prefix + '{', '}'];
      } else if (isTypedArray(value)) {
        const typed = value as unknown as TypedArrayLike;
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        const fallback = constructor === null ? (typedArrayTag.call(value) as string) : '';
        const size = typed.length;
        const prefix = getPrefix(constructor, tagText, fallback, '(' + size + ')');
        braces = [prefix + '[', ']'];
        if (typed.length === 0 && keys.length === 0 && !ctx.showHidden) return braces[0] + ']';
        formatter = (c) => formatTypedArray(typed, size, c);
        extrasType = kArrayExtrasType;
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, ctx.showHidden);
      braces = ['{', '}'];
      if (typeof value === 'function') {
        base = getFunctionBase(value, constructor, tagText);
        if (keys.length === 0) return base;
      } else if (constructor === 'Object') {
        if (tagText !== '') {
          braces[0] = getPrefix(constructor, tagText, 'Object') + '{';
        }
        if (keys.length === 0) return braces[0] + '}';
      } else if (isRegExpValue(value)) {
        base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value as unknown as RegExp));
        const prefix = getPrefix(constructor, tagText, 'RegExp');
        if (prefix !== 'RegExp ') base = prefix + base;
        keys = keys.filter((key) => key !== 'lastIndex' || ctx.showHidden);
        if (keys.length === 0 || (recurseTimes > (ctx.depth as number) && ctx.depth !== null)) return base;
      } else if (isDate(value)) {
        const time = Date.prototype.getTime.call(value as unknown as Date);
        base = Number.isNaN(time) ? Date.prototype.toString.call(value as unknown as Date) : Date.prototype.toISOString.call(value as unknown as Date);
        const prefix = getPrefix(constructor, tagText, 'Date');
        if (prefix !== 'Date ') base = prefix + base;
        if (keys.length === 0) return base;
      } else if (isError(value)) {
        base = formatError(value, constructor, tagText, ctx, keys);
        if (keys.length === 0) return base;
      } else if (isArrayBuffer(value)) {
        const prefix = getPrefix(constructor, tagText, 'ArrayBuffer');
        if (typedArray === undefined) formatter = formatArrayBuffer;
        else if (keys.length === 0) return prefix + '{ byteLength: ' + formatNumber(value.byteLength as number) + ' }';
        braces[0] = prefix + '{';
        keys.unshift('byteLength');
      } else if (isDataView(value)) {
        braces[0] = getPrefix(constructor, tagText, 'DataView') + '{';
        keys.unshift('byteLength', 'byteOffset', 'buffer');
      } else if (isPromise(value)) {
        braces[0] = getPrefix(constructor, tagText, 'Promise') + '{';
        formatter = () => ['<unknown>'];
      } else if (isWeakSet(value)) {
        braces[0] = getPrefix(constructor, tagText, 'WeakSet') + '{';
        formatter = () => ['<items unknown>'];
      } else if (isWeakMap(value)) {
        braces[0] = getPrefix(constructor, tagText, 'WeakMap') + '{';
        formatter = () => ['<items unknown>'];
      } else if (isNumberObject(value) || isStringObject(value) || isBooleanObject(value) || isBigIntObject(value) || isSymbolObject(value)) {
        base = getBoxedBase(value, ctx, keys, constructor, tagText);
        if (keys.length === 0) return base;
      } else {
        if (keys.length === 0) return getPrefix(constructor, tagText, 'Object') + '{}';
        braces[0] = getPrefix(constructor, tagText, 'Object') + '{';
      }
    }
    if (recurseTimes > (ctx.depth as number) && ctx.depth !== null) {
      let constructorName = getPrefix(constructor, tagText, 'Object').slice(0, -1);
      if (constructor !== null) constructorName = '[' + constructorName + ']';
      return constructorName;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    let output: string[];
    try {
      output = formatter(ctx, value as never, recurseTimes);
      for (let i = 0; i < keys.length; i++) output.push(formatProperty(ctx, value, recurseTimes, keys[i] as Key, extrasType));
    } finally {
      ctx.seen.pop();
    }
    if (ctx.circular !== undefined) {
      const index = ctx.circular.get(value);
      if (index !== undefined) {
        const reference = '<ref *' + index + '>';
        base = base === '' ? reference : reference + ' ' + base;
      }
    }
    if (ctx.sorted) {
      const comparator = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === kObjectType) output.sort(comparator);
    }
    return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  }

  function getFunctionBase(value: Inspected, constructor: string | null, tag: string): string {
    const stringified = functionToString.call(value);
    if (stringified.startsWith('class') && stringified.endsWith('}')) {
      const slice = stringified.slice(5, -1);
      const bracketIndex = slice.indexOf('{');
      if (bracketIndex !== -1 && (!slice.slice(0, bracketIndex).includes('(') || classRegExp.exec(slice.replace(stripCommentsRegExp, '')) !== null)) {
        return getClassBase(value, constructor, tag);
      }
    }
    let type = 'Function';
    const kind = objectToString.call(value);
    if (kind === '[object GeneratorFunction]') type = 'Generator' + type;
    else if (kind === '[object AsyncGeneratorFunction]') type = 'AsyncGenerator' + type;
    else if (kind === '[object AsyncFunction]') type = 'Async' + type;
    let base = '[' + type;
    if (constructor === null) base += ' (null prototype)';
    if (value.name === '') base += ' (anonymous)';
    else base += ': ' + value.name;
    base += ']';
    if (constructor !== type && constructor !== null) base += ' ' + constructor;
    if (tag !== '' && constructor !== tag) base += ' [' + tag + ']';
    return base;
  }
  function getClassBase(value: Inspected, constructor: string | null, tag: string): string {
    const name = (hasOwn(value, 'name') && value.name) || '(anonymous)';
    let base = 'class ' + name;
    if (constructor !== 'Function' && constructor !== null) base += ' [' + constructor + ']';
    if (tag !== '' && constructor !== tag) base += ' [' + tag + ']';
    if (constructor !== null) {
      const superName = (getProto(value) as Inspected).name;
      if (superName) base += ' extends ' + superName;
    } else {
      base += ' extends [null prototype]';
    }
    return '[' + base + ']';
  }
  function getBoxedBase(value: Inspected, ctx: InspectContext, keys: Key[], constructor: string | null, tag: string): string {
    let fn: (this: unknown) => unknown;
    let type: string;
    if (isNumberObject(value)) {
      fn = Number.prototype.valueOf;
      type = 'Number';
    } else if (isStringObject(value)) {
      fn = String.prototype.valueOf;
      type = 'String';
      keys.splice(0, value.length as number);
    } else if (isBooleanObject(value)) {
      fn = Boolean.prototype.valueOf;
      type = 'Boolean';
    } else if (isBigIntObject(value)) {
      fn = BigInt.prototype.valueOf;
      type = 'BigInt';
    } else {
      fn = Symbol.prototype.valueOf;
      type = 'Symbol';
    }
    let base = '[' + type;
    if (type !== constructor) base += constructor === null ? ' (null prototype)' : ' (' + constructor + ')';
    base += ': ' + formatPrimitive(fn.call(value), ctx) + ']';
    if (tag !== '' && tag !== constructor) base += ' [' + tag + ']';
    return base;
  }

  function getStackString(error: Inspected): string {
    return error.stack ? String(error.stack) : Error.prototype.toString.call(error);
  }
  function removeDuplicateErrorKeys(ctx: InspectContext, keys: Key[], err: Inspected, stack: string): void {
    if (!ctx.showHidden && keys.length !== 0) {
      for (const name of ['name', 'message', 'stack']) {
        const index = keys.indexOf(name);
        if (index !== -1 && (typeof err[name] !== 'string' || stack.includes(err[name] as string))) keys.splice(index, 1);
      }
    }
  }
  function improveStack(stack: string, constructor: string | null, name: string, tag: string): string {
    let len = name.length;
    if (constructor === null || (name.endsWith('Error') && stack.startsWith(name) && (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
      let fallback = 'Error';
      if (constructor === null) {
        const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
        fallback = (start && start[1]) || '';
        len = fallback.length;
        fallback = fallback || 'Error';
      }
      const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
      if (name !== prefix) {
        if (prefix.includes(name)) {
          if (len === 0) stack = prefix + ': ' + stack;
          else stack = prefix + stack.slice(len);
        } else {
          stack = prefix + ' [' + name + ']' + stack.slice(len);
        }
      }
    }
    return stack;
  }
  function identicalSequenceRange(a: string[], b: string[]): { len: number; offset: number } {
    for (let i = 0; i < a.length - 3; i++) {
      const pos = b.indexOf(a[i] as string);
      if (pos !== -1) {
        const rest = b.length - pos;
        if (rest > 3) {
          let len = 1;
          const maxLen = Math.min(a.length - i, rest);
          while (maxLen > len && a[i + len] === b[pos + len]) len++;
          if (len > 3) return { len: len, offset: i };
        }
      }
    }
    return { len: 0, offset: 0 };
  }
  function getStackFrames(ctx: InspectContext, err: Inspected, stack: string): string[] {
    const frames = stack.split('\n');
    let cause: unknown;
    try {
      cause = err.cause;
    } catch {
      // A cause that throws when read is left out, as Node does.
    }
    if (cause != null && isError(cause)) {
      const causeStack = getStackString(cause as Inspected);
      const causeStackStart = causeStack.indexOf('\n    at');
      if (causeStackStart !== -1) {
        const causeFrames = causeStack.slice(causeStackStart + 1).split('\n');
        const range = identicalSequenceRange(frames, causeFrames);
        if (range.len > 0) {
          const skipped = range.len - 2;
          frames.splice(range.offset + 1, skipped, '    ... ' + skipped + ' lines matching cause stack trace ...');
        }
      }
    }
    return frames;
  }
  function formatError(err: Inspected, constructor: string | null, tag: string, ctx: InspectContext, keys: Key[]): string {
    const name = err.name != null ? String(err.name) : 'Error';
    let stack = getStackString(err);
    removeDuplicateErrorKeys(ctx, keys, err, stack);
    if ('cause' in err && (keys.length === 0 || !keys.includes('cause'))) keys.push('cause');
    if (Array.isArray(err.errors) && (keys.length === 0 || !keys.includes('errors'))) keys.push('errors');
    stack = improveStack(stack, constructor, name, tag);
    let pos = ((err.message && stack.indexOf(err.message as string)) || -1) as number;
    if (pos !== -1) pos += (err.message as string).length;
    const stackStart = stack.indexOf('\n    at', pos);
    if (stackStart === -1) {
      stack = '[' + stack + ']';
    } else {
      const lines = getStackFrames(ctx, err, stack.slice(stackStart + 1));
      stack = stack.slice(0, stackStart) + '\n' + lines.join('\n');
    }
    if (ctx.indentationLvl !== 0) stack = stack.split('\n').join('\n' + ' '.repeat(ctx.indentationLvl));
    return stack;
  }

  function formatArrayBuffer(ctx: InspectContext, value: ArrayBuffer): string[] {
    const bytes = new Uint8Array(value);
    let str = Array.from(bytes.slice(0, Math.min(ctx.maxArrayLength, bytes.length)), (b) => (b < 16 ? '0' : '') + b.toString(16)).join(' ');
    const remaining = bytes.length - ctx.maxArrayLength;
    if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
    return ['[Uint8Contents]: <' + str + '>'];
  }
  function remainingText(remaining: number): string {
    return '... ' + remaining + ' more item' + (remaining > 1 ? 's' : '');
  }
  function formatArray(ctx: InspectContext, value: unknown[], recurseTimes: number): string[] {
    const valLen = value.length;
    const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output: string[] = [];
    for (let i = 0; i < len; i++) {
      if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      output.push(formatProperty(ctx, value as unknown as Inspected, recurseTimes, i, kArrayType));
    }
    if (remaining > 0) output.push(remainingText(remaining));
    return output;
  }
  function formatSpecialArray(ctx: InspectContext, value: unknown[], recurseTimes: number, maxLength: number, output: string[], i: number): string[] {
    const keys = Object.keys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i] as string;
      const tmp = +key;
      if (tmp > 4294967294) break;
      if ('' + index !== key) {
        if (!numberRegExp.test(key)) break;
        const emptyItems = tmp - index;
        output.push('<' + emptyItems + ' empty item' + (emptyItems > 1 ? 's' : '') + '>');
        index = tmp;
        if (output.length === maxLength) break;
      }
      output.push(formatProperty(ctx, value as unknown as Inspected, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) output.push('<' + remaining + ' empty item' + (remaining > 1 ? 's' : '') + '>');
    } else if (remaining > 0) {
      output.push(remainingText(remaining));
    }
    return output;
  }
  function formatTypedArray(value: TypedArrayLike, length: number, ctx: InspectContext): string[] {
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = value.length - maxLength;
    const output: string[] = [];
    const elementFormatter = (value.length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigInt) as (element: unknown) => string;
    for (let i = 0; i < maxLength; ++i) output.push(elementFormatter(value[i]));
    if (remaining > 0) output.push(remainingText(remaining));
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) output.push('[' + key + ']: ' + formatValue(ctx, value[key], ctx.currentDepth, true));
      ctx.indentationLvl -= 2;
    }
    return output;
  }
  // A Set lists its values, a Map its entries as key => value: the same cut after maxArrayLength.
  function formatCollection<T>(value: { size: number } & Iterable<T>, ctx: InspectContext, describe: (item: T) => string): string[] {
    const size = value.size;
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
    const remaining = size - maxLength;
    const output: string[] = [];
    ctx.indentationLvl += 2;
    let i = 0;
    for (const item of value) {
      if (i >= maxLength) break;
      output.push(describe(item));
      i++;
    }
    if (remaining > 0) output.push(remainingText(remaining));
    ctx.indentationLvl -= 2;
    return output;
  }
  function formatSet(value: Set<unknown>, ctx: InspectContext, recurseTimes: number): string[] {
    return formatCollection(value, ctx, (v) => formatValue(ctx, v, recurseTimes));
  }
  function formatMap(value: Map<unknown, unknown>, ctx: InspectContext, recurseTimes: number): string[] {
    return formatCollection(value, ctx, (entry) => formatValue(ctx, entry[0], recurseTimes) + ' => ' + formatValue(ctx, entry[1], recurseTimes));
  }

  function formatProperty(ctx: InspectContext, value: Inspected, recurseTimes: number, key: Key | number, type: number, desc?: PropertyDescriptor): string {
    let name: string;
    let str: string;
    let extra = ' ';
    desc = desc || getDescriptor(value, key) || { value: value[key as Key], enumerable: true };
    if (desc.value !== undefined) {
      const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < str.length) extra = '\n' + ' '.repeat(ctx.indentationLvl);
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
    } else if (desc.set !== undefined) {
      str = '[Setter]';
    } else {
      str = 'undefined';
    }
    if (type === kArrayType) return str;
    if (typeof key === 'symbol') {
      name = '[' + Symbol.prototype.toString.call(key).replace(strEscapeSequencesReplacer, escapeFn) + ']';
    } else if (key === '__proto__') {
      name = "['__proto__']";
    } else if (desc.enumerable === false) {
      name = '[' + String(key).replace(strEscapeSequencesReplacer, escapeFn) + ']';
    } else if (keyStrRegExp.test(key as string)) {
      name = key as string;
    } else {
      name = strEscape(String(key));
    }
    return name + ':' + extra + str;
  }

  function isBelowBreakLength(ctx: InspectContext, output: string[], start: number, base: string): boolean {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += (output[i] as string).length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === '' || !base.includes('\n');
  }
  function groupArrayElements(ctx: InspectContext, output: string[], value: Inspected | undefined): string[] {
    let totalLength = 0;
    let maxLength = 0;
    let i = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--;
    const separatorSpace = 2;
    const dataLen = new Array<number>(outputLength);
    for (; i < outputLength; i++) {
      const len = (output[i] as string).length;
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const approxCharHeights = 2.5;
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
        Math.round(Math.sqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        (ctx.compact as number) * 4,
        15,
      );
      if (columns <= 1) return output;
      const tmp: string[] = [];
      const maxLineLength: number[] = [];
      for (let c = 0; c < columns; c++) {
        let lineLength = 0;
        for (let j = c; j < output.length; j += columns) if ((dataLen[j] as number) > lineLength) lineLength = dataLen[j] as number;
        maxLineLength.push(lineLength + separatorSpace);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let n = 0; n < output.length; n++) {
          if (typeof value[n] !== 'number' && typeof value[n] !== 'bigint') {
            padStart = false;
            break;
          }
        }
      }
      for (let n = 0; n < outputLength; n += columns) {
        const max = Math.min(n + columns, outputLength);
        let str = '';
        let j = n;
        for (; j < max - 1; j++) {
          const padding = (maxLineLength[j - n] as number) + (output[j] as string).length - (dataLen[j] as number);
          str += padStart ? (output[j] + ', ').padStart(padding, ' ') : (output[j] + ', ').padEnd(padding, ' ');
        }
        if (padStart) {
          const padding = (maxLineLength[j - n] as number) + (output[j] as string).length - (dataLen[j] as number) - separatorSpace;
          str += (output[j] as string).padStart(padding, ' ');
        } else {
          str += output[j];
        }
        tmp.push(str);
      }
      if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength] as string);
      output = tmp;
    }
    return output;
  }
  function reduceToSingleString(ctx: InspectContext, output: string[], base: string, braces: Braces, extrasType: number, recurseTimes: number, value: Inspected): string {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base)) {
            const joinedOutput = output.join(', ');
            if (!joinedOutput.includes('\n')) return (base ? base + ' ' : '') + braces[0] + ' ' + joinedOutput + ' ' + braces[1];
          }
        }
      }
      const indentation = '\n' + ' '.repeat(ctx.indentationLvl);
      return (base ? base + ' ' : '') + braces[0] + indentation + '  ' + output.join(',' + indentation + '  ') + indentation + braces[1];
    }
    if (isBelowBreakLength(ctx, output, 0, base)) return braces[0] + (base ? ' ' + base : '') + ' ' + output.join(', ') + ' ' + braces[1];
    const indentation = ' '.repeat(ctx.indentationLvl);
    const ln = base === '' && braces[0].length === 1 ? ' ' : (base ? ' ' + base : '') + '\n' + indentation + '  ';
    return braces[0] + ln + output.join(',\n' + indentation + '  ') + ' ' + braces[1];
  }

  function inspect(value: unknown, options?: object): string {
    const ctx = Object.assign({}, defaults, { seen: [], indentationLvl: 0, currentDepth: 0, circular: undefined }) as unknown as InspectContext;
    const userOptions: Record<string, unknown> = {};
    if (options !== null && typeof options === 'object') {
      const given = options as Record<string, unknown>;
      const settable = ctx as unknown as Record<string, unknown>;
      for (const key of Object.keys(defaults)) {
        if (hasOwn(options, key)) {
          settable[key] = given[key];
          userOptions[key] = given[key];
        }
      }
    }
    if (ctx.depth === Infinity) ctx.depth = null;
    ctx.userOptions = Object.assign({}, defaults, userOptions);
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customInspect;
  inspect.defaultOptions = defaults;

  function hasBuiltInToString(value: Inspected): boolean {
    if (typeof value.toString !== 'function') return true;
    if (hasOwn(value, 'toString')) return false;
    let pointer: Inspected | null = value;
    do {
      pointer = getProto(pointer);
    } while (!hasOwn(pointer, 'toString'));
    const descriptor = getDescriptor(pointer as Inspected, 'constructor');
    return descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name);
  }
  function tryStringify(arg: unknown): string | undefined {
    try {
      return JSON.stringify(arg);
    } catch (error) {
      if (error instanceof TypeError && /circular/i.test(String(error.message))) return '[Circular]';
      throw error;
    }
  }
  function formatWithOptions(inspectOptions: object | undefined, args: unknown[]): string {
    const first = args[0];
    let a = 0;
    let str = '';
    let join = '';
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let tempStr: string | undefined;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) === 37) {
          const nextChar = first.charCodeAt(++i);
          if (a + 1 !== args.length) {
            switch (nextChar) {
              case 115: {
                const tempArg = args[++a];
                if (typeof tempArg === 'number') tempStr = formatNumber(tempArg);
                else if (typeof tempArg === 'bigint') tempStr = formatBigInt(tempArg);
                else if (typeof tempArg !== 'object' || tempArg === null || !hasBuiltInToString(tempArg as Inspected)) tempStr = String(tempArg);
                else tempStr = inspect(tempArg, Object.assign({}, inspectOptions, { depth: 0, colors: false, compact: 3 }));
                break;
              }
              case 106:
                tempStr = tryStringify(args[++a]);
                break;
              case 100: {
                const tempNum = args[++a];
                if (typeof tempNum === 'bigint') tempStr = formatBigInt(tempNum);
                else if (typeof tempNum === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(Number(tempNum));
                break;
              }
              case 79:
                tempStr = inspect(args[++a], inspectOptions);
                break;
              case 111:
                tempStr = inspect(args[++a], Object.assign({}, inspectOptions, { showHidden: true, showProxy: true, depth: 4 }));
                break;
              case 105: {
                const tempInteger = args[++a];
                if (typeof tempInteger === 'bigint') tempStr = formatBigInt(tempInteger);
                else if (typeof tempInteger === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(Number.parseInt(tempInteger as string));
                break;
              }
              case 102: {
                const tempFloat = args[++a];
                if (typeof tempFloat === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(Number.parseFloat(tempFloat as string));
                break;
              }
              case 99:
                a += 1;
                tempStr = '';
                break;
              case 37:
                str += first.slice(lastPos, i);
                lastPos = i + 1;
                continue;
              default:
                continue;
            }
            if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
            str += tempStr;
            lastPos = i + 1;
          } else if (nextChar === 37) {
            str += first.slice(lastPos, i);
            lastPos = i + 1;
          }
        }
      }
      if (lastPos !== 0) {
        a++;
        join = ' ';
        if (lastPos < first.length) str += first.slice(lastPos);
      }
    }
    while (a < args.length) {
      const value = args[a];
      str += join;
      str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
      join = ' ';
      a++;
    }
    return str;
  }

  k.format = (...args) => formatWithOptions(undefined, args);
  k.formatWithOptions = (inspectOptions, ...args) => formatWithOptions(inspectOptions, args);
  k.inspect = inspect;
  k.describe = (v) => (typeof v === 'string' ? v : inspect(v));
}
