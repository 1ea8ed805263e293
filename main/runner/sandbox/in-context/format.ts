/**
 * In-context source: `util.format` and a small `inspect`, so console lines read like Node's while
 * every value is turned into text inside the context (strings as they are, others as JSON or String).
 * Written as a string because it runs in the sandbox realm, never in the host.
 */

/** Installs k.format, k.inspect and k.describe. */
export const FORMAT_SOURCE = String.raw`function installFormat(k) {
  const stringify = JSON.stringify;
  const objectToString = Object.prototype.toString;
  const functionToString = Function.prototype.toString;

  function isError(v) {
    try { return v instanceof Error || objectToString.call(v) === '[object Error]'; } catch { return false; }
  }
  function functionLabel(v) {
    let name = '';
    try { name = typeof v.name === 'string' ? v.name : ''; } catch {}
    let source = '';
    try { source = functionToString.call(v); } catch {}
    if (source.slice(0, 5) === 'class') return '[class ' + (name || '(anonymous)') + ']';
    return name ? '[Function: ' + name + ']' : '[Function (anonymous)]';
  }
  function errorText(v) {
    try {
      if (typeof v.stack === 'string' && v.stack) return v.stack;
      return String(v.name) + ': ' + String(v.message);
    } catch { return '[Error]'; }
  }
  function json(v) {
    const seen = new WeakSet();
    try {
      const out = stringify(v, function (key, value) {
        if (typeof value === 'bigint') return value.toString() + 'n';
        if (typeof value === 'function') return functionLabel(value);
        if (typeof value === 'symbol') return value.toString();
        if (value !== null && typeof value === 'object') {
          if (seen.has(value)) return '[Circular]';
          seen.add(value);
          if (isError(value)) return errorText(value);
          if (value instanceof Map || value instanceof Set) return Array.from(value);
        }
        return value;
      });
      return out === undefined ? String(v) : out;
    } catch {
      try { return String(v); } catch { return '[object]'; }
    }
  }
  function describe(v, quote) {
    switch (typeof v) {
      case 'string': return quote ? "'" + v + "'" : v;
      case 'number': return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint': return v.toString() + 'n';
      case 'symbol': return v.toString();
      case 'undefined': return 'undefined';
      case 'boolean': return String(v);
      case 'function': return functionLabel(v);
    }
    if (v === null) return 'null';
    if (isError(v)) return errorText(v);
    return json(v);
  }
  function numberish(v, parse) {
    if (typeof v === 'bigint') return v.toString() + 'n';
    if (typeof v === 'symbol') return 'NaN';
    try { return describe(parse(v), false); } catch { return 'NaN'; }
  }
  function format(...args) {
    if (args.length === 0) return '';
    const first = args[0];
    if (typeof first !== 'string') return args.map((a) => describe(a, false)).join(' ');
    if (args.length === 1) return first;
    let out = '';
    let next = 1;
    let last = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue;
      const c = first.charAt(i + 1);
      if (c === '%') { out += first.slice(last, i) + '%'; last = i + 2; i++; continue; }
      if (next >= args.length) continue;
      const a = args[next];
      let piece;
      if (c === 's') piece = typeof a === 'object' && a !== null && !isError(a) ? json(a) : describe(a, false);
      else if (c === 'd') piece = numberish(a, Number);
      else if (c === 'i') piece = numberish(a, (x) => parseInt(x, 10));
      else if (c === 'f') piece = numberish(a, parseFloat);
      else if (c === 'j') { try { piece = stringify(a); if (piece === undefined) piece = 'undefined'; } catch { piece = '[Circular]'; } }
      else if (c === 'o' || c === 'O') piece = describe(a, true);
      else if (c === 'c') piece = '';
      else continue;
      out += first.slice(last, i) + piece;
      last = i + 2;
      i++;
      next++;
    }
    out += first.slice(last);
    for (; next < args.length; next++) out += ' ' + describe(args[next], false);
    return out;
  }

  k.format = format;
  k.inspect = (v) => describe(v, true);
  k.describe = (v) => describe(v, false);
}`;
