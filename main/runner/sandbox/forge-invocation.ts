import { randomBytes } from 'node:crypto';
import { types } from 'node:util';
import type { ChildToHost, DoneMessage, InvokeMessage, LogMessage, ReplyMessage } from '../protocol';
import { APP_SCRIPT_FOLDER, appScriptName } from './app-script-name';
import type { BundleScripts } from './bundle-scripts';
import { CALL_KINDS, parseCallRequest } from './call-request';
import { entryScript } from './context-bootstrap';
import { CLOSED, type ContextSupply, type FreshContext } from './fresh-context';
import { liveMemory, memoryInUse } from './memory-gauge';
import { NATIVE_OPS, nativeOp } from './native-ops';
import { describeThrown, type ThrownError } from './thrown-value';

/** Where the child's messages go: the IPC channel in the child process, a list in tests. */
export interface MessageSink {
  send(message: ChildToHost): void;
}

type Outcome = { ok: true; resultJson: string } | { ok: false; error: ThrownError };
type HostTimer = { immediate: false; handle: NodeJS.Timeout } | { immediate: true; handle: NodeJS.Immediate };

const LOG_LEVELS: ReadonlySet<string> = new Set<LogMessage['level']>(['debug', 'info', 'log', 'warn', 'error']);
const MAX_DELAY_MS = 2_147_483_647;
/**
 * The context runs its microtasks only when the host enters it. Promises that V8 or Node settle on
 * their own (a refused `import()`, `WebAssembly.compile`, `Atomics.waitAsync`) would otherwise
 * wait for the next timer or reply, so a function waiting on nothing the host knows of is entered
 * this often.
 */
const IDLE_POLL_MS = 25;
/** Console lines one invocation may send; a logging loop must not fill the host's memory before its timeout. */
const MAX_LOG_LINES = 10_000;
/** Returned to the context: a call was refused as malformed (CLOSED: the invocation has ended). */
const REFUSED = -2;

/**
 * One Forge function invocation: a fresh context (made from `Object.create(null)`, its globals built
 * inside it, touched by no earlier invocation) and the host side of its membrane — log lines, calls
 * out, timers and the result all cross as strings and numbers through a single prototype-less host
 * function.
 */
export class ForgeInvocation {
  readonly invocationId: string;
  /** Settles once the `done` message has been sent. */
  readonly finished: Promise<void>;
  private settle!: () => void;
  private fresh: FreshContext | null = null;
  private closed = false;
  private draining = false;
  private readonly events: string[] = [];
  private readonly timers = new Map<number, HostTimer>();
  private readonly calls = new Set<number>();
  private readonly deadline: number;
  private deadlineTimer: NodeJS.Timeout | null = null;
  private idlePoll: NodeJS.Timeout | null = null;
  private logLines = 0;
  private readonly memoryLimit: number;

  constructor(
    private readonly invoke: InvokeMessage,
    private readonly sink: MessageSink,
    private readonly scripts: BundleScripts,
    private readonly contexts: ContextSupply,
    private readonly nextCallId: () => number,
  ) {
    this.invocationId = invoke.invocationId;
    this.deadline = Date.now() + invoke.timeoutMs;
    this.memoryLimit = invoke.memoryMB * 1024 * 1024;
    this.finished = new Promise((resolve) => (this.settle = resolve));
  }

  /** Builds the context, runs the function and resolves when its `done` message is sent. */
  run(): Promise<void> {
    try {
      const script = this.scripts.load(this.invoke.bundlePath);
      // Usually prepared while the child was idle; either way only the bootstrap has run in it.
      const fresh = this.contexts.take();
      this.fresh = fresh;
      fresh.begin((op, a, b, c) => this.handle(op, a, b, c), JSON.stringify(this.settings()));
      this.scripts.importRefusal = (specifier) => {
        this.kick();
        return fresh.refuseImport(specifier);
      };
      // A plain wrapper only makes the module function. A bundle that closes the wrapper early runs
      // that code here, after the globals exist and within the time limit.
      const moduleFn: unknown = this.scripts.isPlainWrapper(script) ? script.runInContext(fresh.context) : script.runInContext(fresh.context, { timeout: Math.max(1, this.deadline - Date.now()) });
      fresh.setModule(moduleFn);
    } catch (error) {
      if (isVmTimeout(error)) {
        this.timeOut();
        return this.finished;
      }
      this.finish({ ok: false, error: describeThrown(error) });
      return this.finished;
    }
    this.deadlineTimer = setTimeout(() => this.timeOut(), Math.max(0, this.deadline - Date.now()));
    this.idlePoll = setInterval(() => {
      if (this.overMemory()) return;
      if (this.timers.size === 0 && this.calls.size === 0) this.drain();
    }, IDLE_POLL_MS);
    this.drain();
    return this.finished;
  }

  /** Delivers the host's answer to one of this invocation's calls; false when it is not ours (or too late). */
  reply(message: ReplyMessage): boolean {
    if (this.closed || !this.calls.delete(message.callId)) return false;
    this.deliver({ kind: 'reply', callId: message.callId, status: message.status, headers: message.headers, body: message.body, base64: message.bodyEncoding === 'base64' });
    return true;
  }

  /** A promise rejected with no handler while this invocation ran: the platform fails such invocations. */
  failUnhandledRejection(reason: unknown): void {
    if (this.closed) return;
    const error = describeThrown(reason);
    this.finish({
      ok: false,
      error: { name: 'UnhandledPromiseRejection', message: `Unhandled promise rejection: ${error.name}: ${error.message}`, stack: error.stack },
    });
  }

  private settings(): Record<string, unknown> {
    const { invoke } = this;
    const ids = randomBytes(24).toString('hex');
    return {
      invocationId: invoke.invocationId,
      exportName: invoke.exportName,
      filename: appScriptName(invoke.bundlePath),
      dirname: APP_SCRIPT_FOLDER,
      payloadJson: invoke.payloadJson,
      contextJson: invoke.contextJson,
      appContextJson: invoke.appContextJson,
      externalAuthJson: invoke.externalAuthJson,
      env: invoke.env,
      timeoutMs: invoke.timeoutMs,
      deadline: this.deadline,
      traceId: ids.slice(0, 32),
      spanId: ids.slice(32),
    };
  }

  private handle(op: unknown, a: unknown, b: unknown, c: unknown): string | number {
    // Every call out of the context is also a memory check, the result included ('done').
    if (this.closed || this.overMemory()) return op === 'next' ? '' : CLOSED;
    switch (op) {
      case 'next':
        return this.events.shift() ?? '';
      case 'log':
        if (typeof a === 'string' && LOG_LEVELS.has(a) && typeof b === 'string') this.log(a as LogMessage['level'], b);
        return 0;
      case 'call':
        return this.startCall(a, b);
      case 'timer':
        return this.setTimer(a, b);
      case 'clear':
        if (typeof a === 'number') this.clearTimer(a);
        return 0;
      case 'done':
        this.finish({ ok: true, resultJson: typeof a === 'string' ? a : 'null' });
        return 0;
      case 'fail':
        this.finish({
          ok: false,
          error: { name: text(a) || 'Error', message: text(b), stack: text(c) || null },
        });
        return 0;
      default:
        return typeof op === 'string' && NATIVE_OPS.has(op) ? nativeOp(op, a, b, c) : REFUSED;
    }
  }

  private log(level: LogMessage['level'], message: string): void {
    this.logLines++;
    if (this.logLines > MAX_LOG_LINES + 1) return;
    if (this.logLines === MAX_LOG_LINES + 1) {
      level = 'warn';
      message = `Anvil dropped the rest of this invocation's console output (more than ${MAX_LOG_LINES} lines).`;
    }
    this.sink.send({ type: 'log', invocationId: this.invocationId, level, message });
  }

  private startCall(kind: unknown, requestJson: unknown): number {
    if (typeof kind !== 'string' || !CALL_KINDS.has(kind) || typeof requestJson !== 'string') return REFUSED;
    const request = parseCallRequest(requestJson);
    if (!request) return REFUSED;
    const callId = this.nextCallId();
    this.calls.add(callId);
    this.sink.send({ type: 'call', invocationId: this.invocationId, callId, kind: kind as 'product' | 'fetch' | 'storage', request });
    return callId;
  }

  private setTimer(id: unknown, delay: unknown): number {
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof delay !== 'number') return REFUSED;
    this.clearTimer(id);
    const fire = () => {
      this.timers.delete(id);
      this.deliver({ kind: 'timer', id });
    };
    if (delay === -1) this.timers.set(id, { immediate: true, handle: setImmediate(fire) });
    else this.timers.set(id, { immediate: false, handle: setTimeout(fire, Math.min(Math.max(1, delay), MAX_DELAY_MS)) });
    return 0;
  }

  private clearTimer(id: number): void {
    const timer = this.timers.get(id);
    if (!timer) return;
    this.timers.delete(id);
    if (timer.immediate) clearImmediate(timer.handle);
    else clearTimeout(timer.handle);
  }

  private deliver(event: Record<string, unknown>): void {
    this.events.push(JSON.stringify(event));
    this.drain();
  }

  // Enters the context through the entry script, so a synchronous endless loop in the function, a
  // callback or a chain of microtasks is cut off by the vm timeout at the invocation's deadline.
  private drain(): void {
    const context = this.fresh?.context;
    if (this.closed || this.draining || !context) return;
    const remaining = this.deadline - Date.now();
    if (remaining <= 0) {
      this.timeOut();
      return;
    }
    this.draining = true;
    try {
      entryScript.runInContext(context, { timeout: Math.ceil(remaining) });
    } catch (error) {
      if (isVmTimeout(error)) this.timeOut();
      else this.finish({ ok: false, error: describeThrown(error) });
    } finally {
      this.draining = false;
    }
    if (this.overMemory()) return;
    // Events queued while the context was busy (after its own drain loop had ended) go in now.
    if (this.events.length > 0) this.drain();
  }

  // A promise made by Node (as for `import()`) settles the context's promise from the host's
  // microtask queue; the context's own queue then runs only when something enters the context.
  // Entering a few times after the host's microtasks have run lets such chains complete.
  private kick(rounds = 3): void {
    setImmediate(() => {
      if (this.closed) return;
      this.drain();
      if (rounds > 1) this.kick(rounds - 1);
    });
  }

  /**
   * Ends the invocation when the heap and array buffers together exceed `memoryMB` (garbage is
   * collected first, so only what the function still holds counts). The host replaces the runner.
   */
  private overMemory(): boolean {
    if (this.closed || memoryInUse() <= this.memoryLimit) return false;
    const live = liveMemory();
    if (live <= this.memoryLimit) return false;
    this.finish({
      ok: false,
      error: {
        name: 'OutOfMemoryError',
        message: `The function used ${Math.ceil(live / 1024 / 1024)} MB (heap and array buffers), over its memory limit of ${this.invoke.memoryMB} MB`,
        stack: null,
      },
    });
    return true;
  }

  private timeOut(): void {
    this.finish({
      ok: false,
      error: { name: 'TimeoutError', message: `The function '${this.invoke.exportName}' timed out after ${this.invoke.timeoutMs} ms`, stack: null },
    });
  }

  private finish(outcome: Outcome): void {
    if (this.closed) return;
    this.closed = true;
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    if (this.idlePoll) clearInterval(this.idlePoll);
    this.calls.clear();
    this.events.length = 0;
    this.fresh?.close();
    this.fresh = null;
    this.scripts.importRefusal = null;
    // Heap and array buffers: what the memory limit is held against.
    const memoryBytes = memoryInUse();
    const done: DoneMessage = outcome.ok
      ? { type: 'done', invocationId: this.invocationId, ok: true, resultJson: outcome.resultJson, memoryBytes }
      : { type: 'done', invocationId: this.invocationId, ok: false, error: outcome.error, memoryBytes };
    this.sink.send(done);
    this.settle();
  }
}

// Node creates the vm timeout error in the context's realm, so it is recognised by an own data
// property only (no getters run), like anything else thrown out of a context.
function isVmTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || types.isProxy(error)) return false;
  const code = Object.getOwnPropertyDescriptor(error, 'code');
  return code !== undefined && 'value' in code && code.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
