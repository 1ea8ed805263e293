/**
 * In-context piece: the `console` app code sees. Every line is formatted inside the context by
 * Node's `util.format` (format.ts) and leaves it as one `log` call to the host (level + text), which
 * the child sends as a `log` message. Runs as text inside the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

/** Defines globalThis.console. */
export function installConsole(k: Kernel): void {
  const counts = new Map<string, number>();
  const started = new Map<string, number>();
  let indent = '';
  function emit(level: string, text: unknown): void {
    const line = indent
      ? indent +
        String(text)
          .split('\n')
          .join('\n' + indent)
      : String(text);
    k.host('log', level, line);
  }
  function label(value: unknown): string {
    return value === undefined ? 'default' : String(value);
  }
  function elapsed(key: string): string {
    return Date.now() - (started.get(key) ?? Date.now()) + 'ms';
  }
  const console = {
    log(...args: unknown[]) {
      emit('log', k.format(...args));
    },
    info(...args: unknown[]) {
      emit('info', k.format(...args));
    },
    debug(...args: unknown[]) {
      emit('debug', k.format(...args));
    },
    warn(...args: unknown[]) {
      emit('warn', k.format(...args));
    },
    error(...args: unknown[]) {
      emit('error', k.format(...args));
    },
    trace(...args: unknown[]) {
      const e = new Error(k.format(...args));
      e.name = 'Trace';
      emit('error', k.describe(e));
    },
    dir(value: unknown, options?: object) {
      emit('log', k.inspect(value, Object.assign({ customInspect: false }, options)));
    },
    table(value: unknown) {
      emit('log', k.inspect(value));
    },
    // As Node: the text is put before the first argument (so it still formats), written as a warning.
    assert(ok: unknown, ...args: unknown[]) {
      if (ok) return;
      args[0] = 'Assertion failed' + (args.length === 0 ? '' : ': ' + String(args[0]));
      emit('warn', k.format(...args));
    },
    count(name?: unknown) {
      const key = label(name);
      const n = (counts.get(key) || 0) + 1;
      counts.set(key, n);
      emit('log', key + ': ' + n);
    },
    countReset(name?: unknown) {
      counts.delete(label(name));
    },
    time(name?: unknown) {
      started.set(label(name), Date.now());
    },
    timeLog(name?: unknown, ...args: unknown[]) {
      const key = label(name);
      if (!started.has(key)) {
        emit('warn', "No such label '" + key + "' for console.timeLog()");
        return;
      }
      emit('log', key + ': ' + elapsed(key) + (args.length ? ' ' + k.format(...args) : ''));
    },
    timeEnd(name?: unknown) {
      const key = label(name);
      if (!started.has(key)) {
        emit('warn', "No such label '" + key + "' for console.timeEnd()");
        return;
      }
      emit('log', key + ': ' + elapsed(key));
      started.delete(key);
    },
    group(...args: unknown[]) {
      if (args.length) emit('log', k.format(...args));
      indent += '  ';
    },
    groupCollapsed(...args: unknown[]) {
      if (args.length) emit('log', k.format(...args));
      indent += '  ';
    },
    groupEnd() {
      indent = indent.slice(2);
    },
  };
  k.define('console', console);
}
