/**
 * In-context piece: the `performance` global and the `perf_hooks` module (@forge/api 2.18–2.19
 * require it at load for request timings). Everything is the invocation's own: the clock starts
 * when the invocation begins, marks and measures live in the context, and a PerformanceObserver
 * only ever sees this invocation's marks, measures and timerified calls — nothing of the host
 * process (no gc, http or dns entries). The event-loop delay monitor is a histogram that never
 * samples: the loop it would watch is the runner's, not the function's. Runs as text inside the
 * context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

type AnyFunction = (...args: unknown[]) => unknown;

interface MarkOptions {
  startTime?: unknown;
  detail?: unknown;
}

interface MeasureOptions {
  start?: unknown;
  end?: unknown;
  duration?: unknown;
  detail?: unknown;
}

interface ObserveOptions {
  entryTypes?: Iterable<unknown> | ArrayLike<unknown>;
  type?: unknown;
  buffered?: unknown;
}

/** The `perf_hooks` module. */
export interface PerfHooksModule {
  performance: object;
  monitorEventLoopDelay(options?: unknown): object;
  createHistogram(): object;
  constants: Record<string, number>;
  /** The Performance* classes, by name. */
  [name: string]: unknown;
}

declare module './kernel' {
  interface Kernel {
    perfHooks: PerfHooksModule;
  }
}

/** Defines performance and the Performance* globals; shares k.perfHooks (the module). */
export function installPerformance(k: Kernel): void {
  const now = () => Date.now() - k.startedAt();
  const entries: PerformanceEntry[] = [];
  const observers = new Set<PerformanceObserver>();
  const typeError = (message: string, code: string) => {
    const e: CodedError = new TypeError(message);
    e.code = code;
    return e;
  };
  const argType = (name: string, type: string, value: unknown) => typeError('The "' + name + '" argument must be of type ' + type + '. Received ' + k.inspect(value), 'ERR_INVALID_ARG_TYPE');

  class PerformanceEntry {
    #name: string;
    #type: string;
    #start: number;
    #duration: number;
    #detail: unknown;
    constructor(name: string, type: string, start: number, duration: number, detail: unknown) {
      this.#name = name;
      this.#type = type;
      this.#start = start;
      this.#duration = duration;
      this.#detail = detail;
    }
    get name() {
      return this.#name;
    }
    get entryType() {
      return this.#type;
    }
    get startTime() {
      return this.#start;
    }
    get duration() {
      return this.#duration;
    }
    get detail() {
      return this.#detail;
    }
    toJSON() {
      return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail };
    }
    [Symbol.for('nodejs.util.inspect.custom')](_depth: unknown, options: object | undefined, _inspect?: unknown) {
      return this.constructor.name + ' ' + k.inspect(this.toJSON(), options);
    }
    get [Symbol.toStringTag]() {
      return this.constructor.name;
    }
  }
  class PerformanceMark extends PerformanceEntry {
    constructor(name: unknown, options?: MarkOptions | null) {
      if (arguments.length === 0) throw typeError('The "name" argument must be specified', 'ERR_MISSING_ARGS');
      const start = options != null && options.startTime !== undefined ? Number(options.startTime) : now();
      if (!Number.isFinite(start) || start < 0) throw typeError('The "options.startTime" property must be a non-negative number', 'ERR_INVALID_ARG_VALUE');
      super(String(name), 'mark', start, 0, options != null && options.detail !== undefined ? structuredClone(options.detail) : null);
    }
  }
  class PerformanceMeasure extends PerformanceEntry {}
  class PerformanceResourceTiming extends PerformanceEntry {}
  class PerformanceObserverEntryList {
    #list: PerformanceEntry[];
    constructor(list: PerformanceEntry[]) {
      this.#list = list.slice().sort((a, b) => a.startTime - b.startTime);
    }
    getEntries() {
      return this.#list.slice();
    }
    getEntriesByType(type: unknown) {
      return this.#list.filter((e) => e.entryType === String(type));
    }
    getEntriesByName(name: unknown, type?: unknown) {
      return this.#list.filter((e) => e.name === String(name) && (type === undefined || e.entryType === String(type)));
    }
  }
  const SUPPORTED = Object.freeze(['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource']);
  class PerformanceObserver {
    #callback: AnyFunction;
    #types = new Set<string>();
    #buffer: PerformanceEntry[] = [];
    #queued = false;
    constructor(callback: unknown) {
      if (typeof callback !== 'function') throw argType('callback', 'function', callback);
      this.#callback = callback as AnyFunction;
    }
    static get supportedEntryTypes() {
      return SUPPORTED;
    }
    observe(options?: ObserveOptions | null) {
      const o = options || {};
      const types = o.entryTypes !== undefined ? Array.from(o.entryTypes, String) : o.type !== undefined ? [String(o.type)] : [];
      if (types.length === 0) throw typeError('The "options.entryTypes" property must be specified', 'ERR_MISSING_ARGS');
      this.#types = new Set(types.filter((t) => SUPPORTED.includes(t)));
      observers.add(this);
      if (o.buffered === true) for (const e of entries) this.#take(e);
    }
    disconnect() {
      observers.delete(this);
      this.#buffer = [];
    }
    takeRecords() {
      const list = this.#buffer;
      this.#buffer = [];
      return list;
    }
    #take(entry: PerformanceEntry) {
      if (!this.#types.has(entry.entryType)) return;
      this.#buffer.push(entry);
      if (this.#queued) return;
      this.#queued = true;
      // As Node: observers are called back after the current work, never inside mark() itself.
      setImmediate(() => {
        this.#queued = false;
        if (this.#buffer.length === 0) return;
        const list = new PerformanceObserverEntryList(this.takeRecords());
        this.#callback.call(this, list, this);
      });
    }
    static deliver(entry: PerformanceEntry) {
      for (const o of observers) o.#take(entry);
    }
  }
  const record = (entry: PerformanceEntry) => {
    PerformanceObserver.deliver(entry);
    return entry;
  };
  function markTime(name: string): number {
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as PerformanceEntry;
      if (entry.entryType === 'mark' && entry.name === name) return entry.startTime;
    }
    throw new DOMException('The "' + name + '" performance mark has not been set', 'SyntaxError');
  }
  const pointOf = (value: unknown) => (value === undefined ? undefined : typeof value === 'number' ? value : markTime(String(value)));

  function timerify(fn: unknown) {
    if (typeof fn !== 'function') throw argType('fn', 'function', fn);
    const target = fn as AnyFunction;
    function timerified(this: unknown, ...args: unknown[]) {
      const start = now();
      const result: unknown = new.target ? Reflect.construct(target, args, target) : target.apply(this, args);
      const finish = () => record(new PerformanceEntry(target.name, 'function', start, now() - start, args));
      if (result !== null && typeof result === 'object' && typeof (result as { finally?: unknown }).finally === 'function') {
        return (result as Promise<unknown>).finally(finish);
      }
      finish();
      return result;
    }
    Object.defineProperty(timerified, 'name', { value: 'timerified ' + target.name, configurable: true });
    Object.defineProperty(timerified, 'length', { value: target.length, configurable: true });
    return timerified;
  }

  class Performance {
    get timeOrigin() {
      return k.startedAt();
    }
    now() {
      return now();
    }
    mark(name: unknown, options?: MarkOptions | null) {
      const entry = new PerformanceMark(name, options);
      entries.push(entry);
      return record(entry);
    }
    measure(name: unknown, startOrOptions?: unknown, endMark?: unknown) {
      if (arguments.length === 0) throw typeError('The "name" argument must be specified', 'ERR_MISSING_ARGS');
      let start: number | undefined,
        end: number | undefined,
        detail: unknown = null;
      if (startOrOptions !== null && typeof startOrOptions === 'object') {
        const o = startOrOptions as MeasureOptions;
        start = pointOf(o.start);
        end = pointOf(o.end);
        if (o.duration !== undefined) {
          if (end === undefined) end = (start === undefined ? 0 : start) + Number(o.duration);
          else if (start === undefined) start = end - Number(o.duration);
        }
        if (o.detail !== undefined) detail = structuredClone(o.detail);
      } else start = pointOf(startOrOptions);
      if (endMark !== undefined) end = pointOf(endMark);
      if (start === undefined) start = 0;
      if (end === undefined) end = now();
      const entry = new PerformanceMeasure(String(name), 'measure', start, end - start, detail);
      entries.push(entry);
      return record(entry);
    }
    clearMarks(name?: unknown) {
      clear('mark', name);
    }
    clearMeasures(name?: unknown) {
      clear('measure', name);
    }
    clearResourceTimings() {}
    setResourceTimingBufferSize() {}
    markResourceTiming() {}
    getEntries() {
      return sorted(() => true);
    }
    getEntriesByName(name: unknown, type?: unknown) {
      return sorted((e) => e.name === String(name) && (type === undefined || e.entryType === String(type)));
    }
    getEntriesByType(type: unknown) {
      return sorted((e) => e.entryType === String(type));
    }
    eventLoopUtilization() {
      return { idle: 0, active: 0, utilization: 0 };
    }
    timerify(fn: unknown) {
      return timerify(fn);
    }
    get nodeTiming() {
      return { name: 'node', entryType: 'node', startTime: 0, duration: now() };
    }
    toJSON() {
      return { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin, eventLoopUtilization: this.eventLoopUtilization() };
    }
    get [Symbol.toStringTag]() {
      return 'Performance';
    }
  }
  function clear(type: string, name: unknown) {
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as PerformanceEntry;
      if (entry.entryType === type && (name === undefined || entry.name === String(name))) entries.splice(i, 1);
    }
  }
  const sorted = (keep: (entry: PerformanceEntry) => boolean) => entries.filter(keep).sort((a, b) => a.startTime - b.startTime);
  const performance = new Performance();

  // A histogram with no samples, as Node's reads before its first one.
  class Histogram {
    #values: number[] = [];
    get count() {
      return this.#values.length;
    }
    get countBigInt() {
      return BigInt(this.count);
    }
    get min() {
      return this.#values.length ? Math.min(...this.#values) : 9223372036854776000;
    }
    get minBigInt() {
      return this.#values.length ? BigInt(this.min) : 9223372036854775807n;
    }
    get max() {
      return this.#values.length ? Math.max(...this.#values) : 0;
    }
    get maxBigInt() {
      return BigInt(this.max);
    }
    get mean() {
      return this.#values.length ? this.#values.reduce((a, b) => a + b, 0) / this.#values.length : NaN;
    }
    get stddev() {
      const m = this.mean;
      return this.#values.length ? Math.sqrt(this.#values.reduce((a, b) => a + (b - m) ** 2, 0) / this.#values.length) : NaN;
    }
    get exceeds() {
      return 0;
    }
    get exceedsBigInt() {
      return 0n;
    }
    percentile(p: unknown): number {
      if (typeof p !== 'number' || !(p > 0 && p <= 100)) throw new RangeError('The value of "percentile" is out of range. It must be > 0 && <= 100. Received ' + k.inspect(p));
      if (this.#values.length === 0) return 0;
      const sorted = this.#values.slice().sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
    }
    percentileBigInt(p: unknown) {
      return BigInt(this.percentile(p));
    }
    get percentiles() {
      const out = new Map<number, number>();
      if (this.#values.length === 0) {
        out.set(100, 0);
        return out;
      }
      out.set(0, this.min);
      for (const p of [50, 75, 87.5, 93.75, 96.875, 98.4375, 99.21875]) if (this.percentile(p) < this.max) out.set(p, this.percentile(p));
      out.set(100, this.max);
      return out;
    }
    get percentilesBigInt() {
      return new Map(Array.from(this.percentiles, ([p, v]) => [p, BigInt(v)]));
    }
    reset() {
      this.#values = [];
    }
    toJSON() {
      return { count: this.count, min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds, stddev: this.stddev, percentiles: Object.fromEntries(this.percentiles) };
    }
    static add(h: Histogram, value: number) {
      h.#values.push(value);
    }
  }
  class RecordableHistogram extends Histogram {
    record(value: unknown) {
      const n = typeof value === 'bigint' ? Number(value) : value;
      if (typeof n !== 'number') throw argType('val', 'number or bigint', value);
      if (!(n >= 1 && n <= Number.MAX_SAFE_INTEGER)) throw new RangeError('The value of "val" is out of range. It must be >= 1 && <= 9007199254740991. Received ' + k.inspect(value));
      Histogram.add(this, n);
    }
    recordDelta() {}
    add(other: Histogram) {
      for (const [, v] of other.percentiles) if (other.count > 0) Histogram.add(this, v);
    }
  }
  class IntervalHistogram extends Histogram {
    #enabled = false;
    enable() {
      const changed = !this.#enabled;
      this.#enabled = true;
      return changed;
    }
    disable() {
      const changed = this.#enabled;
      this.#enabled = false;
      return changed;
    }
  }

  k.perfHooks = {
    Performance,
    PerformanceEntry,
    PerformanceMark,
    PerformanceMeasure,
    PerformanceObserver,
    PerformanceObserverEntryList,
    PerformanceResourceTiming,
    monitorEventLoopDelay(options?: unknown) {
      if (options !== undefined && (options === null || typeof options !== 'object')) throw argType('options', 'object', options);
      return new IntervalHistogram();
    },
    createHistogram() {
      return new RecordableHistogram();
    },
    performance,
    constants: {
      NODE_PERFORMANCE_GC_MAJOR: 4,
      NODE_PERFORMANCE_GC_MINOR: 1,
      NODE_PERFORMANCE_GC_INCREMENTAL: 8,
      NODE_PERFORMANCE_GC_WEAKCB: 16,
      NODE_PERFORMANCE_GC_FLAGS_NO: 0,
      NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
      NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
      NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
      NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
      NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
      NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
    },
  };
  k.define('performance', performance);
  for (const name of ['PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver', 'PerformanceObserverEntryList', 'PerformanceResourceTiming'])
    k.define(name, k.perfHooks[name]);
}
