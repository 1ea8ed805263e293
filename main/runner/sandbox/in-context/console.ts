/**
 * In-context source: the `console` app code sees. Every line is formatted inside the context by
 * Node's `util.format` (format.ts) and leaves it as one `log` call to the host (level + text), which
 * the child sends as a `log` message.
 */

/** Defines globalThis.console. */
export const CONSOLE_SOURCE = String.raw`function installConsole(k) {
  const counts = new Map();
  const started = new Map();
  let indent = '';
  function emit(level, text) {
    const line = indent ? indent + String(text).split('\n').join('\n' + indent) : String(text);
    k.host('log', level, line);
  }
  function label(value) { return value === undefined ? 'default' : String(value); }
  const console = {
    log(...args) { emit('log', k.format(...args)); },
    info(...args) { emit('info', k.format(...args)); },
    debug(...args) { emit('debug', k.format(...args)); },
    warn(...args) { emit('warn', k.format(...args)); },
    error(...args) { emit('error', k.format(...args)); },
    trace(...args) {
      const e = new Error(k.format(...args));
      e.name = 'Trace';
      emit('error', k.describe(e));
    },
    dir(value, options) { emit('log', k.inspect(value, Object.assign({ customInspect: false }, options))); },
    table(value) { emit('log', k.inspect(value)); },
    // As Node: the text is put before the first argument (so it still formats), written as a warning.
    assert(ok, ...args) {
      if (ok) return;
      args[0] = 'Assertion failed' + (args.length === 0 ? '' : ': ' + args[0]);
      emit('warn', k.format(...args));
    },
    count(name) {
      const key = label(name);
      const n = (counts.get(key) || 0) + 1;
      counts.set(key, n);
      emit('log', key + ': ' + n);
    },
    countReset(name) { counts.delete(label(name)); },
    time(name) { started.set(label(name), Date.now()); },
    timeLog(name, ...args) {
      const key = label(name);
      if (!started.has(key)) { emit('warn', "No such label '" + key + "' for console.timeLog()"); return; }
      emit('log', key + ': ' + (Date.now() - started.get(key)) + 'ms' + (args.length ? ' ' + k.format(...args) : ''));
    },
    timeEnd(name) {
      const key = label(name);
      if (!started.has(key)) { emit('warn', "No such label '" + key + "' for console.timeEnd()"); return; }
      emit('log', key + ': ' + (Date.now() - started.get(key)) + 'ms');
      started.delete(key);
    },
    group(...args) { if (args.length) emit('log', k.format(...args)); indent += '  '; },
    groupCollapsed(...args) { if (args.length) emit('log', k.format(...args)); indent += '  '; },
    groupEnd() { indent = indent.slice(2); },
  };
  k.define('console', console);
}`;
