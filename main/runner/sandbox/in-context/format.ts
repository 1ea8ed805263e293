/**
 * In-context source: Node's `util.format` and `util.inspect`, so console lines read exactly as they
 * do on the platform (its logs show what Node prints): `a { b: 1 }`, `%s %d %i %f %j %o %O %c`,
 * quoting and escaping of strings, `[Function: f]`, `[class A extends B]`, depth 2 then `[Object]`,
 * `<ref *1>` and `[Circular *1]`, `Map(1) { 'a' => 1 }`, sparse arrays, more than 100 items, grouping
 * of long arrays into columns, the 80-column line breaking, errors with their stack, `cause` and own
 * properties, boxed primitives, typed arrays, and `[nodejs.util.inspect.custom]`. It follows Node's
 * own algorithm (lib/internal/util/inspect.js) step by step, and a test compares it with the host's
 * util.format on a table of inputs. Every value is turned into text inside the context; written as
 * a string because it runs in the sandbox realm, never in the host. No template literals inside:
 * this text is itself one.
 */

/** Installs k.format, k.formatWithOptions, k.inspect and k.describe. */
export const FORMAT_SOURCE = String.raw`function installFormat(k) {
  const objectToString = Object.prototype.toString;
  const functionToString = Function.prototype.toString;
  const hasOwn = (o, key) => Object.prototype.hasOwnProperty.call(o, key);
  const isEnumerable = (o, key) => Object.prototype.propertyIsEnumerable.call(o, key);
  const getDescriptor = Object.getOwnPropertyDescriptor;
  const getProto = Object.getPrototypeOf;
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const brand = (proto, name) => {
    const d = getDescriptor(proto, name);
    return (v) => { try { d.get.call(v); return true; } catch { return false; } };
  };
  const valueBrand = (fn) => (v) => { try { fn.call(v); return true; } catch { return false; } };
  const isMap = brand(Map.prototype, 'size');
  const isSet = brand(Set.prototype, 'size');
  const isArrayBuffer = brand(ArrayBuffer.prototype, 'byteLength');
  const typedArrayProto = getProto(Uint8Array.prototype);
  const typedArrayTag = getDescriptor(typedArrayProto, Symbol.toStringTag).get;
  const isTypedArray = (v) => typedArrayTag.call(v) !== undefined;
  const isDataView = brand(DataView.prototype, 'byteLength');
  const isDate = valueBrand(Date.prototype.getTime);
  const hasRegExpSource = brand(RegExp.prototype, 'source');
  const isRegExpValue = (v) => v !== RegExp.prototype && hasRegExpSource(v);
  const isNumberObject = (v) => typeof v === 'object' && valueBrand(Number.prototype.valueOf)(v);
  const isStringObject = (v) => typeof v === 'object' && valueBrand(String.prototype.valueOf)(v);
  const isBooleanObject = (v) => typeof v === 'object' && valueBrand(Boolean.prototype.valueOf)(v);
  const isBigIntObject = (v) => typeof v === 'object' && valueBrand(BigInt.prototype.valueOf)(v);
  const isSymbolObject = (v) => typeof v === 'object' && valueBrand(Symbol.prototype.valueOf)(v);
  const isWeakMap = valueBrand(function () { WeakMap.prototype.has.call(this, {}); });
  const isWeakSet = valueBrand(function () { WeakSet.prototype.has.call(this, {}); });
  const isPromise = (v) => v instanceof Promise;
  function isError(v) {
    try { return v instanceof Error || (objectToString.call(v) === '[object Error]' && !hasOwn(v, Symbol.toStringTag)); } catch { return false; }
  }
  const builtInObjects = new Set(Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name)));
  for (const name of ['Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'Date', 'Promise', 'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'ArrayBuffer', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'Uint8ClampedArray', 'BigUint64Array', 'BigInt64Array', 'DataView', 'Map', 'BigInt', 'Set', 'WeakMap', 'WeakSet', 'Proxy', 'Reflect', 'WeakRef', 'FinalizationRegistry', 'SharedArrayBuffer']) builtInObjects.add(name);

  const defaults = { showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false, maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false };
  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;
  const kMinLineWidth = 16;
  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const classRegExp = /^(\s+[^(]*?)\s*{/;
  const stripCommentsRegExp = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;
  const strEscapeSequencesReplacer = /[\x00-\x1f\x27\x5c\x7f-\x9f]/g;
  const meta = [];
  for (let i = 0; i < 160; i++) meta.push(i < 32 || i > 126 ? '\\x' + (i < 16 ? '0' : '') + i.toString(16).toUpperCase() : '');
  meta[8] = '\\b'; meta[9] = '\\t'; meta[10] = '\\n'; meta[12] = '\\f'; meta[13] = '\\r'; meta[39] = "\\'"; meta[92] = '\\\\';
  const escapeFn = (s) => meta[s.charCodeAt(0)];

  function addQuotes(str, quotes) {
    if (quotes === -1) return '"' + str + '"';
    if (quotes === -2) return '\u0060' + str + '\u0060';
    return "'" + str + "'";
  }
  function strEscape(str) {
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
          if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
        }
        result += str.slice(last, i) + '\\u' + point.toString(16);
        last = i + 1;
      }
    }
    if (last !== str.length) result += str.slice(last);
    return addQuotes(result, singleQuote);
  }
  function formatNumber(value) { return Object.is(value, -0) ? '-0' : '' + value; }
  function formatBigInt(value) { return value + 'n'; }
  function formatPrimitive(value, ctx) {
    if (typeof value === 'string') {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = value.slice(0, ctx.maxStringLength);
        trailer = '... ' + remaining + ' more character' + (remaining > 1 ? 's' : '');
      }
      if (ctx.compact !== true && value.length > kMinLineWidth && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return value.split(/(?<=\n)/).map((line) => strEscape(line)).join(' +\n' + ' '.repeat(ctx.indentationLvl + 2)) + trailer;
      }
      return strEscape(value) + trailer;
    }
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'bigint') return formatBigInt(value);
    if (typeof value === 'boolean') return '' + value;
    if (typeof value === 'undefined') return 'undefined';
    return Symbol.prototype.toString.call(value);
  }

  function getPrefix(constructor, tag, fallback, size) {
    size = size || '';
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) return '[' + fallback + size + ': null prototype] [' + tag + '] ';
      return '[' + fallback + size + ': null prototype] ';
    }
    if (tag !== '' && constructor !== tag) return constructor + size + ' [' + tag + '] ';
    return constructor + size + ' ';
  }
  function isInstanceof(object, proto) { try { return object instanceof proto; } catch { return false; } }
  function getConstructorName(obj, ctx, recurseTimes) {
    let firstProto;
    const tmp = obj;
    while (obj) {
      const descriptor = getDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '' && isInstanceof(tmp, descriptor.value)) return String(descriptor.value.name);
      obj = getProto(obj);
      if (firstProto === undefined) firstProto = obj;
    }
    if (firstProto === null) return null;
    const res = 'Object';
    if (recurseTimes > ctx.depth && ctx.depth !== null) return res + ' <Complex prototype>';
    const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1);
    if (protoConstr === null) return res + ' <' + inspect(firstProto, Object.assign({}, ctx, { customInspect: false, depth: -1 })) + '>';
    return res + ' <' + protoConstr + '>';
  }
  function getKeys(value, showHidden) {
    const symbols = Object.getOwnPropertySymbols(value);
    if (showHidden) return Object.getOwnPropertyNames(value).concat(symbols);
    const keys = Object.keys(value);
    for (const symbol of symbols) if (isEnumerable(value, symbol)) keys.push(symbol);
    return keys;
  }
  function isIndex(key) { return numberRegExp.test(key) && +key < 4294967295; }
  function getOwnNonIndexProperties(value, showHidden) {
    const names = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
    const keys = names.filter((key) => !isIndex(key));
    for (const symbol of Object.getOwnPropertySymbols(value)) if (showHidden || isEnumerable(value, symbol)) keys.push(symbol);
    return keys;
  }

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
    if (value === null) return 'null';
    const context = value;
    if (ctx.customInspect) {
      const maybeCustom = value[customInspect];
      if (typeof maybeCustom === 'function' && maybeCustom !== inspect && !(value.constructor && value.constructor.prototype === value)) {
        const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
        const options = Object.assign({}, ctx.userOptions, { depth: depth, stylize: (s) => s });
        const ret = maybeCustom.call(context, depth, options, inspect);
        if (ret !== context) {
          if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
          return ret.split('\n').join('\n' + ' '.repeat(ctx.indentationLvl));
        }
      }
    }
    if (ctx.seen.includes(value)) {
      let index = 1;
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
    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    let keys;
    const constructor = getConstructorName(value, ctx, recurseTimes);
    let tag = value[Symbol.toStringTag];
    if (typeof tag !== 'string' || (tag !== '' && (ctx.showHidden ? hasOwn : isEnumerable)(value, Symbol.toStringTag))) tag = '';
    let base = '';
    let formatter = () => [];
    let braces;
    let noIterator = true;
    let extrasType = kObjectType;
    if (Symbol.iterator in value || constructor === null) {
      noIterator = false;
      if (Array.isArray(value)) {
        const prefix = constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', '(' + value.length + ')') : '';
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        braces = [prefix + '[', ']'];
        if (value.length === 0 && keys.length === 0) return braces[0] + ']';
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (isSet(value)) {
        const size = value.size;
        const prefix = getPrefix(constructor, tag, 'Set', '(' + size + ')');
        keys = getKeys(value, ctx.showHidden);
        formatter = (c, v, r) => formatSet(value, c, r);
        if (size === 0 && keys.length === 0) return prefix + '{}';
        braces = [prefix + '{', '}'];
      } else if (isMap(value)) {
        const size = value.size;
        const prefix = getPrefix(constructor, tag, 'Map', '(' + size + ')');
        keys = getKeys(value, ctx.showHidden);
        formatter = (c, v, r) => formatMap(value, c, r);
        if (size === 0 && keys.length === 0) return prefix + '{}';
        braces = [prefix + '{', '}'];
      } else if (isTypedArray(value)) {
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        const fallback = constructor === null ? typedArrayTag.call(value) : '';
        const size = value.length;
        const prefix = getPrefix(constructor, tag, fallback, '(' + size + ')');
        braces = [prefix + '[', ']'];
        if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return braces[0] + ']';
        formatter = (c, v, r) => formatTypedArray(value, size, c, r);
        extrasType = kArrayExtrasType;
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, ctx.showHidden);
      braces = ['{', '}'];
      if (typeof value === 'function') {
        base = getFunctionBase(value, constructor, tag);
        if (keys.length === 0) return base;
      } else if (constructor === 'Object') {
        if (tag !== '') {
          braces[0] = getPrefix(constructor, tag, 'Object') + '{';
        }
        if (keys.length === 0) return braces[0] + '}';
      } else if (isRegExpValue(value)) {
        base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
        const prefix = getPrefix(constructor, tag, 'RegExp');
        if (prefix !== 'RegExp ') base = prefix + base;
        keys = keys.filter((key) => key !== 'lastIndex' || ctx.showHidden);
        if (keys.length === 0 || (recurseTimes > ctx.depth && ctx.depth !== null)) return base;
      } else if (isDate(value)) {
        const time = Date.prototype.getTime.call(value);
        base = Number.isNaN(time) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
        const prefix = getPrefix(constructor, tag, 'Date');
        if (prefix !== 'Date ') base = prefix + base;
        if (keys.length === 0) return base;
      } else if (isError(value)) {
        base = formatError(value, constructor, tag, ctx, keys);
        if (keys.length === 0) return base;
      } else if (isArrayBuffer(value)) {
        const prefix = getPrefix(constructor, tag, 'ArrayBuffer');
        if (typedArray === undefined) formatter = formatArrayBuffer;
        else if (keys.length === 0) return prefix + '{ byteLength: ' + formatNumber(value.byteLength) + ' }';
        braces[0] = prefix + '{';
        keys.unshift('byteLength');
      } else if (isDataView(value)) {
        braces[0] = getPrefix(constructor, tag, 'DataView') + '{';
        keys.unshift('byteLength', 'byteOffset', 'buffer');
      } else if (isPromise(value)) {
        braces[0] = getPrefix(constructor, tag, 'Promise') + '{';
        formatter = () => ['<unknown>'];
      } else if (isWeakSet(value)) {
        braces[0] = getPrefix(constructor, tag, 'WeakSet') + '{';
        formatter = () => ['<items unknown>'];
      } else if (isWeakMap(value)) {
        braces[0] = getPrefix(constructor, tag, 'WeakMap') + '{';
        formatter = () => ['<items unknown>'];
      } else if (isNumberObject(value) || isStringObject(value) || isBooleanObject(value) || isBigIntObject(value) || isSymbolObject(value)) {
        base = getBoxedBase(value, ctx, keys, constructor, tag);
        if (keys.length === 0) return base;
      } else {
        if (keys.length === 0) return getPrefix(constructor, tag, 'Object') + '{}';
        braces[0] = getPrefix(constructor, tag, 'Object') + '{';
      }
    }
    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      let constructorName = getPrefix(constructor, tag, 'Object').slice(0, -1);
      if (constructor !== null) constructorName = '[' + constructorName + ']';
      return constructorName;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    let output;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (let i = 0; i < keys.length; i++) output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
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

  function getFunctionBase(value, constructor, tag) {
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
  function getClassBase(value, constructor, tag) {
    const name = (hasOwn(value, 'name') && value.name) || '(anonymous)';
    let base = 'class ' + name;
    if (constructor !== 'Function' && constructor !== null) base += ' [' + constructor + ']';
    if (tag !== '' && constructor !== tag) base += ' [' + tag + ']';
    if (constructor !== null) {
      const superName = getProto(value).name;
      if (superName) base += ' extends ' + superName;
    } else {
      base += ' extends [null prototype]';
    }
    return '[' + base + ']';
  }
  function getBoxedBase(value, ctx, keys, constructor, tag) {
    let fn;
    let type;
    if (isNumberObject(value)) { fn = Number.prototype.valueOf; type = 'Number'; }
    else if (isStringObject(value)) { fn = String.prototype.valueOf; type = 'String'; keys.splice(0, value.length); }
    else if (isBooleanObject(value)) { fn = Boolean.prototype.valueOf; type = 'Boolean'; }
    else if (isBigIntObject(value)) { fn = BigInt.prototype.valueOf; type = 'BigInt'; }
    else { fn = Symbol.prototype.valueOf; type = 'Symbol'; }
    let base = '[' + type;
    if (type !== constructor) base += constructor === null ? ' (null prototype)' : ' (' + constructor + ')';
    base += ': ' + formatPrimitive(fn.call(value), ctx) + ']';
    if (tag !== '' && tag !== constructor) base += ' [' + tag + ']';
    return base;
  }

  function getStackString(error) {
    return error.stack ? String(error.stack) : Error.prototype.toString.call(error);
  }
  function removeDuplicateErrorKeys(ctx, keys, err, stack) {
    if (!ctx.showHidden && keys.length !== 0) {
      for (const name of ['name', 'message', 'stack']) {
        const index = keys.indexOf(name);
        if (index !== -1 && (typeof err[name] !== 'string' || stack.includes(err[name]))) keys.splice(index, 1);
      }
    }
  }
  function improveStack(stack, constructor, name, tag) {
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
  function identicalSequenceRange(a, b) {
    for (let i = 0; i < a.length - 3; i++) {
      const pos = b.indexOf(a[i]);
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
  function getStackFrames(ctx, err, stack) {
    const frames = stack.split('\n');
    let cause;
    try { cause = err.cause; } catch {}
    if (cause != null && isError(cause)) {
      const causeStack = getStackString(cause);
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
  function formatError(err, constructor, tag, ctx, keys) {
    const name = err.name != null ? String(err.name) : 'Error';
    let stack = getStackString(err);
    removeDuplicateErrorKeys(ctx, keys, err, stack);
    if ('cause' in err && (keys.length === 0 || !keys.includes('cause'))) keys.push('cause');
    if (Array.isArray(err.errors) && (keys.length === 0 || !keys.includes('errors'))) keys.push('errors');
    stack = improveStack(stack, constructor, name, tag);
    let pos = (err.message && stack.indexOf(err.message)) || -1;
    if (pos !== -1) pos += err.message.length;
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

  function formatArrayBuffer(ctx, value) {
    const bytes = new Uint8Array(value);
    let str = Array.from(bytes.slice(0, Math.min(ctx.maxArrayLength, bytes.length)), (b) => (b < 16 ? '0' : '') + b.toString(16)).join(' ');
    const remaining = bytes.length - ctx.maxArrayLength;
    if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
    return ['[Uint8Contents]: <' + str + '>'];
  }
  function remainingText(remaining) { return '... ' + remaining + ' more item' + (remaining > 1 ? 's' : ''); }
  function formatArray(ctx, value, recurseTimes) {
    const valLen = value.length;
    const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output = [];
    for (let i = 0; i < len; i++) {
      if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (remaining > 0) output.push(remainingText(remaining));
    return output;
  }
  function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
    const keys = Object.keys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      const tmp = +key;
      if (tmp > 4294967294) break;
      if ('' + index !== key) {
        if (!numberRegExp.test(key)) break;
        const emptyItems = tmp - index;
        output.push('<' + emptyItems + ' empty item' + (emptyItems > 1 ? 's' : '') + '>');
        index = tmp;
        if (output.length === maxLength) break;
      }
      output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
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
  function formatTypedArray(value, length, ctx) {
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = value.length - maxLength;
    const output = [];
    const elementFormatter = value.length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigInt;
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
  function formatCollection(value, ctx, describe) {
    const size = value.size;
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
    const remaining = size - maxLength;
    const output = [];
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
  function formatSet(value, ctx, recurseTimes) {
    return formatCollection(value, ctx, (v) => formatValue(ctx, v, recurseTimes));
  }
  function formatMap(value, ctx, recurseTimes) {
    return formatCollection(value, ctx, (entry) => formatValue(ctx, entry[0], recurseTimes) + ' => ' + formatValue(ctx, entry[1], recurseTimes));
  }

  function formatProperty(ctx, value, recurseTimes, key, type, desc) {
    let name;
    let str;
    let extra = ' ';
    desc = desc || getDescriptor(value, key) || { value: value[key], enumerable: true };
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
    } else if (keyStrRegExp.test(key)) {
      name = key;
    } else {
      name = strEscape(String(key));
    }
    return name + ':' + extra + str;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === '' || !base.includes('\n');
  }
  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let i = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--;
    const separatorSpace = 2;
    const dataLen = new Array(outputLength);
    for (; i < outputLength; i++) {
      const len = output[i].length;
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
        ctx.compact * 4,
        15,
      );
      if (columns <= 1) return output;
      const tmp = [];
      const maxLineLength = [];
      for (let c = 0; c < columns; c++) {
        let lineLength = 0;
        for (let j = c; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
        maxLineLength.push(lineLength + separatorSpace);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let n = 0; n < output.length; n++) {
          if (typeof value[n] !== 'number' && typeof value[n] !== 'bigint') { padStart = false; break; }
        }
      }
      for (let n = 0; n < outputLength; n += columns) {
        const max = Math.min(n + columns, outputLength);
        let str = '';
        let j = n;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - n] + output[j].length - dataLen[j];
          str += padStart ? (output[j] + ', ').padStart(padding, ' ') : (output[j] + ', ').padEnd(padding, ' ');
        }
        if (padStart) {
          const padding = maxLineLength[j - n] + output[j].length - dataLen[j] - separatorSpace;
          str += output[j].padStart(padding, ' ');
        } else {
          str += output[j];
        }
        tmp.push(str);
      }
      if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
      output = tmp;
    }
    return output;
  }
  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
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

  function inspect(value, options) {
    const ctx = Object.assign({}, defaults, { seen: [], indentationLvl: 0, currentDepth: 0, circular: undefined });
    const userOptions = {};
    if (options !== null && typeof options === 'object') {
      for (const key of Object.keys(defaults)) {
        if (hasOwn(options, key)) { ctx[key] = options[key]; userOptions[key] = options[key]; }
      }
    }
    if (ctx.depth === Infinity) ctx.depth = null;
    ctx.userOptions = Object.assign({}, defaults, userOptions);
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customInspect;
  inspect.defaultOptions = defaults;

  function hasBuiltInToString(value) {
    if (typeof value.toString !== 'function') return true;
    if (hasOwn(value, 'toString')) return false;
    let pointer = value;
    do { pointer = getProto(pointer); } while (!hasOwn(pointer, 'toString'));
    const descriptor = getDescriptor(pointer, 'constructor');
    return descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name);
  }
  function tryStringify(arg) {
    try {
      return JSON.stringify(arg);
    } catch (error) {
      if (error instanceof TypeError && /circular/i.test(String(error.message))) return '[Circular]';
      throw error;
    }
  }
  function formatWithOptions(inspectOptions, args) {
    const first = args[0];
    let a = 0;
    let str = '';
    let join = '';
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let tempStr;
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
                else if (typeof tempArg !== 'object' || tempArg === null || !hasBuiltInToString(tempArg)) tempStr = String(tempArg);
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
                else tempStr = formatNumber(Number.parseInt(tempInteger));
                break;
              }
              case 102: {
                const tempFloat = args[++a];
                if (typeof tempFloat === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(Number.parseFloat(tempFloat));
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
}`;
