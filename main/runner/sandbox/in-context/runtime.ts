/**
 * In-context piece: what the Forge platform puts around a function — a stand-in `process` (only
 * the invocation's environment variables, never Anvil's or the real process), `__forge_runtime__`
 * (FACTS §4.3: proxy, app context, lambda context, tracing, no-op metrics, feature flags) and
 * the invocation's clock, which `performance` (performance.ts) counts from. Runs as text inside
 * the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

type Hrtime = ((previous?: unknown) => [number, number]) & { bigint(): bigint };

/** A stand-in stdout/stderr: each write is one log line. */
export interface ProcessStream {
  write(chunk: unknown): boolean;
  isTTY: false;
}

/** The stand-in `process` app code sees. */
export interface ProcessStandIn {
  env: Record<string, string>;
  version: string;
  versions: { node: string };
  release: { name: string };
  platform: string;
  arch: string;
  title: string;
  argv: string[];
  execArgv: string[];
  exitCode: number | undefined;
  nextTick: Kernel['nextTick'];
  cwd(): string;
  hrtime: Hrtime;
  uptime(): number;
  emitWarning(warning: unknown): void;
  on(): ProcessStandIn;
  once(): ProcessStandIn;
  off(): ProcessStandIn;
  addListener(): ProcessStandIn;
  removeListener(): ProcessStandIn;
  removeAllListeners(): ProcessStandIn;
  emit(): boolean;
  listenerCount(): number;
  exit(): never;
  abort(): never;
  kill(): never;
  chdir(): never;
  stdout: ProcessStream;
  stderr: ProcessStream;
}

declare module './kernel' {
  interface Kernel {
    /** The stand-in `process` (also the `process` module). */
    process: ProcessStandIn;
    /** When the invocation began (ms since the epoch): the origin of its performance clock. */
    startedAt(): number;
  }
}

/**
 * Defines process, __forge_runtime__ and global; shares k.process and k.startedAt. The objects exist
 * from install on; what belongs to the invocation (env, contexts, ids, clocks) is filled in when it
 * begins, so a context can be prepared before its invocation is known.
 */
export function installRuntime(k: Kernel): void {
  const settings = k.settings;
  const parseJson = JSON.parse;
  let startedAt = Date.now();
  let deadline = 0;

  const env: Record<string, string> = {};

  function hrtime(previous?: unknown): [number, number] {
    const now = Date.now() - startedAt;
    let seconds = Math.floor(now / 1000);
    let nanos = (now % 1000) * 1e6;
    if (Array.isArray(previous)) {
      seconds -= previous[0] as number;
      nanos -= previous[1] as number;
      if (nanos < 0) {
        seconds -= 1;
        nanos += 1e9;
      }
    }
    return [seconds, nanos];
  }
  hrtime.bigint = () => BigInt(Date.now()) * 1000000n;
  function notAvailable(name: string): () => never {
    return function () {
      throw new Error('process.' + name + ' is not available to Forge functions');
    };
  }
  const process: ProcessStandIn = {
    env,
    version: settings.nodeVersion,
    versions: { node: settings.nodeVersion.replace(/^v/, '') },
    release: { name: 'node' },
    platform: 'linux',
    arch: 'x64',
    title: 'node',
    argv: [],
    execArgv: [],
    exitCode: undefined,
    nextTick: k.nextTick,
    cwd: () => '/',
    hrtime,
    uptime: () => (Date.now() - startedAt) / 1000,
    emitWarning(warning) {
      k.host('log', 'warn', 'Warning: ' + (typeof warning === 'string' ? warning : k.describe(warning)));
    },
    on() {
      return process;
    },
    once() {
      return process;
    },
    off() {
      return process;
    },
    addListener() {
      return process;
    },
    removeListener() {
      return process;
    },
    removeAllListeners() {
      return process;
    },
    emit() {
      return false;
    },
    listenerCount() {
      return 0;
    },
    exit: notAvailable('exit'),
    abort: notAvailable('abort'),
    kill: notAvailable('kill'),
    chdir: notAvailable('chdir'),
    stdout: {
      write(chunk) {
        k.host('log', 'info', String(chunk).replace(/\n$/, ''));
        return true;
      },
      isTTY: false,
    },
    stderr: {
      write(chunk) {
        k.host('log', 'error', String(chunk).replace(/\n$/, ''));
        return true;
      },
      isTTY: false,
    },
  };
  k.process = process;

  const noop = {
    incr() {},
    incrBy() {},
    decr() {},
    decrBy() {},
    set() {},
    measure() {
      return { stop() {} };
    },
  };
  const runtime: {
    proxy: { token: string; url: string };
    contextAri: string;
    container: object;
    appContext: unknown;
    lambdaContext: { awsRequestId: string; getRemainingTimeInMillis(): number };
    tracing: { traceId: string; spanId: string };
    realtime: object;
    metrics: { counter(): typeof noop; timing(): typeof noop; gauge(): typeof noop };
    featureFlags(): boolean;
    externalAuth?: unknown[];
    aaid?: string;
  } = {
    proxy: { token: 'anvil-local', url: 'https://anvil.invalid' },
    contextAri: '',
    container: {},
    appContext: {},
    lambdaContext: {
      awsRequestId: '',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    },
    tracing: { traceId: '', spanId: '' },
    realtime: {},
    metrics: { counter: () => noop, timing: () => noop, gauge: () => noop },
    featureFlags: () => false,
  };

  k.startedAt = () => startedAt;

  k.onBegin(function (cfg) {
    startedAt = Date.now();
    deadline = cfg.deadline;
    for (const name of Object.keys(cfg.env)) if (typeof cfg.env[name] === 'string') env[name] = cfg.env[name];
    let context: unknown = {};
    try {
      context = parseJson(cfg.contextJson);
    } catch {
      // Text that is not JSON leaves the empty default.
    }
    let appContext: unknown = {};
    try {
      appContext = parseJson(cfg.appContextJson);
    } catch {
      // Text that is not JSON leaves the empty default.
    }
    const isObject = context !== null && typeof context === 'object';
    const contextFields = context as { principal?: unknown; installContext?: unknown };
    const principal = isObject ? contextFields.principal : undefined;
    runtime.contextAri = isObject && typeof contextFields.installContext === 'string' ? contextFields.installContext : '';
    runtime.appContext = appContext;
    let externalAuth: unknown = [];
    try {
      externalAuth = parseJson(cfg.externalAuthJson);
    } catch {
      // Text that is not JSON leaves the empty default.
    }
    // Only the providers this function declares; absent otherwise, as on the platform.
    if (Array.isArray(externalAuth) && externalAuth.length > 0) runtime.externalAuth = externalAuth;
    else delete runtime.externalAuth;
    runtime.lambdaContext.awsRequestId = cfg.invocationId;
    runtime.tracing.traceId = cfg.traceId;
    runtime.tracing.spanId = cfg.spanId;
    if (principal !== null && typeof principal === 'object' && typeof (principal as { accountId?: unknown }).accountId === 'string') runtime.aaid = (principal as { accountId: string }).accountId;
  });

  k.define('global', globalThis);
  k.define('process', process);
  k.define('__forge_runtime__', runtime);
}
