/**
 * In-context source: what the Forge platform puts around a function — a stand-in `process` (only
 * the invocation's environment variables, never Anvil's or the real process), `__forge_runtime__`
 * (FACTS §4.3: proxy, app context, lambda context, tracing, no-op metrics, feature flags) and
 * `performance`.
 */

/** Defines process, __forge_runtime__, performance and global; shares k.process. */
export const RUNTIME_SOURCE = String.raw`function installRuntime(k) {
  const cfg = k.config;
  const parseJson = JSON.parse;
  const startedAt = Date.now();

  const env = {};
  for (const name of Object.keys(cfg.env)) if (typeof cfg.env[name] === 'string') env[name] = cfg.env[name];

  function hrtime(previous) {
    const now = Date.now() - startedAt;
    let seconds = Math.floor(now / 1000);
    let nanos = (now % 1000) * 1e6;
    if (Array.isArray(previous)) {
      seconds -= previous[0];
      nanos -= previous[1];
      if (nanos < 0) { seconds -= 1; nanos += 1e9; }
    }
    return [seconds, nanos];
  }
  hrtime.bigint = () => BigInt(Date.now()) * 1000000n;
  function notAvailable(name) {
    return function () { throw new Error('process.' + name + ' is not available to Forge functions'); };
  }
  const process = {
    env,
    version: cfg.nodeVersion,
    versions: { node: cfg.nodeVersion.replace(/^v/, '') },
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
    emitWarning(warning) { k.host('log', 'warn', 'Warning: ' + (typeof warning === 'string' ? warning : k.describe(warning))); },
    on() { return process; },
    once() { return process; },
    off() { return process; },
    addListener() { return process; },
    removeListener() { return process; },
    removeAllListeners() { return process; },
    emit() { return false; },
    listenerCount() { return 0; },
    exit: notAvailable('exit'),
    abort: notAvailable('abort'),
    kill: notAvailable('kill'),
    chdir: notAvailable('chdir'),
    stdout: { write(chunk) { k.host('log', 'info', String(chunk).replace(/\n$/, '')); return true; }, isTTY: false },
    stderr: { write(chunk) { k.host('log', 'error', String(chunk).replace(/\n$/, '')); return true; }, isTTY: false },
  };
  k.process = process;

  let context = {};
  try { context = parseJson(cfg.contextJson); } catch {}
  let appContext = {};
  try { appContext = parseJson(cfg.appContextJson); } catch {}
  const principal = context !== null && typeof context === 'object' ? context.principal : undefined;
  const noop = { incr() {}, incrBy() {}, decr() {}, decrBy() {}, set() {}, measure() { return { stop() {} }; } };
  const runtime = {
    proxy: { token: 'anvil-local', url: 'https://anvil.invalid' },
    contextAri: context !== null && typeof context === 'object' && typeof context.installContext === 'string' ? context.installContext : '',
    container: {},
    appContext,
    lambdaContext: {
      awsRequestId: cfg.invocationId,
      getRemainingTimeInMillis: () => Math.max(0, cfg.deadline - Date.now()),
    },
    tracing: { traceId: cfg.traceId, spanId: cfg.spanId },
    realtime: {},
    metrics: { counter: () => noop, timing: () => noop, gauge: () => noop },
    featureFlags: () => false,
  };
  if (principal !== null && typeof principal === 'object' && typeof principal.accountId === 'string') runtime.aaid = principal.accountId;

  const performance = { timeOrigin: startedAt, now: () => Date.now() - startedAt, mark() {}, measure() {} };

  k.define('global', globalThis);
  k.define('process', process);
  k.define('performance', performance);
  k.define('__forge_runtime__', runtime);
}`;
