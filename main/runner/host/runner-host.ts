import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { RunResult } from '../../../common/types';
import { childMessage } from '../child-message';
import type { CallMessage, ChildToHost, DoneMessage, InvokeMessage, PingMessage, ProbeMessage, ProbeResultMessage } from '../protocol';
import type { CallRecord, GatewayResponse } from '../gateway/call-record';
import { AppStackTraces } from './app-stack-trace';
import { residentBytes } from './resident-memory';
import { runnerChildFile } from './runner-child-file';
import { nodeRuntime } from '../../node-runtime';

/** Log lines kept per invocation; the rest are counted (a log flood must not swamp the workbench). */
export const MAX_LOG_LINES = 500;
/**
 * A kept line is held up to this many characters: twice the line the log budget keeps (32 KB, after
 * redaction), so what it keeps and redacts is whole, while 500 lines of 50 MB never sit in memory.
 * The live stream still sees each whole line once, and counts what was cut.
 */
export const MAX_KEPT_LINE_CHARS = 64 * 1024;
/**
 * The event a runner child emits for each IPC message that fits the protocol. Listeners take only
 * these, never the raw 'message' event, whose content the child (where app code runs) decides.
 */
const CHECKED_MESSAGE = 'checked-message';
/** Grace after the timeout before the child is killed (it may be busy in a synchronous loop). */
const KILL_GRACE_MS = 250;
/** The platform's memory range for a function (FACTS §5.5: default 512 MB, at most 1,024 MB). */
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 1024;
/** How long an idle runner may take to answer a ping before it counts as busy with no invocation. */
const IDLE_GRACE_MS = 2_000;
/** How often the host looks at a running child's resident memory (Linux). */
const MEMORY_WATCH_MS = 100;
/**
 * Resident memory the Node runtime itself takes beside what a function allocates. The runner's
 * own checks hold heap and array buffers to `memoryMB`; the backstop (for allocations in one
 * synchronous loop, which never reach those checks) fires at twice `memoryMB` plus this, allowing
 * for the runtime and for memory V8 keeps committed, so it does not fire before them.
 */
const RUNTIME_ALLOWANCE_MB = 128;

export interface InvocationRequest {
  bundlePath: string;
  exportName: string;
  payload: unknown;
  context: unknown;
  appContext: Record<string, unknown>;
  /** `__forge_runtime__.externalAuth` for this function: providers, remotes, connected accounts (no tokens). */
  externalAuth?: unknown[];
  env: Record<string, string>;
  timeoutMs: number;
  /** What the host does for this invocation's calls: the gateway, bound to its environment and installation. */
  onCall: CallHandler;
  /**
   * Each log line as it happens (the terminal pane and the logs store follow them); what it returns
   * (whether the platform would drop the line) is kept with the line in the result.
   */
  onLog?: (invocationId: string, level: string, message: string) => unknown;
  /** Chosen by the caller so it can record the invocation before it starts; a fresh UUID otherwise. */
  invocationId?: string;
  /** Aborted when the developer stops the invocation: it ends at once, as a timeout does, with status `stopped`. */
  signal?: AbortSignal;
}

const RUNNER_CLOSED = 'The runner was closed (the app was closed or Anvil is stopping); open the app again to run its functions.';

/** What a stopped invocation reports, in its error and as a log line. */
export const STOPPED_BY_DEVELOPER = 'Stopped by the developer before it finished; the runner process was ended, so nothing it left running goes on.';

/** One invocation's outcome; the app runner adds which function, environment and installation. */
export type InvocationResult = Omit<RunResult, 'functionKey' | 'environment' | 'installation'>;

/** What the host does for the child's calls (product, fetch, storage): the gateway. */
export type CallHandler = (call: CallMessage) => Promise<{ response: GatewayResponse; record: CallRecord }>;

export interface RunnerHostOptions {
  /** Folder holding every bundle this runner may read (the child gets read access to it and nothing else). */
  bundlesRoot: string;
  /** The function's `memoryMB`; held to the platform's range. */
  memoryMB: number;
  /** The child script; the real runner child unless a test needs a stand-in. */
  childScript?: () => Promise<string>;
  /** How long an idle runner may take to answer before it is replaced. */
  idleGraceMs?: number;
}

/** `memoryMB` held to the platform's range: what the function gets there is what it gets here. */
export function platformMemoryMB(memoryMB: number): number {
  if (!Number.isFinite(memoryMB)) return MIN_MEMORY_MB;
  return Math.min(MAX_MEMORY_MB, Math.max(MIN_MEMORY_MB, Math.floor(memoryMB)));
}

interface Running {
  id: string;
  /** The bundle the invocation runs: frames in it are the app's. */
  bundlePath: string;
  started: number;
  logs: InvocationResult['logs'];
  dropped: number;
  calls: CallRecord[];
  onCall: CallHandler;
  onLog: InvocationRequest['onLog'];
  finish: (result: InvocationResult) => void;
  timer: NodeJS.Timeout;
  memoryWatch: NodeJS.Timeout | null;
}

/**
 * One runner process per app and environment: app code runs there, one invocation at a time, under
 * Node's permission model and a memory cap. A crash, an endless loop or a memory blow-up ends that
 * invocation with a status, and the next one gets a fresh process. No app code runs unwatched: a
 * runner that does not answer when no invocation is running (code left behind by the last one is
 * still running) is stopped and replaced before the next invocation, which is not billed for it.
 */
export class RunnerHost {
  private child: ChildProcess | null = null;
  private ready: Promise<ChildProcess> | null = null;
  private running: Running | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Children that have run an invocation: they must show they are idle before the next one. */
  private readonly served = new WeakSet<ChildProcess>();
  private pings = 0;
  private closed = false;
  private readonly memoryMB: number;
  private readonly idleGraceMs: number;
  private readonly stacks = new AppStackTraces();

  constructor(private readonly options: RunnerHostOptions) {
    this.memoryMB = platformMemoryMB(options.memoryMB);
    this.idleGraceMs = options.idleGraceMs ?? IDLE_GRACE_MS;
  }

  invoke(request: InvocationRequest): Promise<InvocationResult> {
    const next = this.queue.then(() => this.run(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the runner process for good: one still starting is ended when it is up, and no invocation starts another. */
  close(): void {
    this.closed = true;
    this.child?.kill('SIGKILL');
    this.child = null;
    this.ready = null;
  }

  private async run(request: InvocationRequest): Promise<InvocationResult> {
    let child = await this.start();
    const notes: InvocationResult['logs'] = [];
    if (this.served.has(child) && !(await this.answersPing(child))) {
      // Code the last invocation left behind is still running: the runner is replaced, and this
      // invocation's time starts only on the fresh one.
      this.kill(child);
      child = await this.start();
      notes.push({ level: 'warn', message: 'Anvil replaced the runner before this invocation: code left running by an earlier invocation kept it busy after its result.' });
    }
    this.served.add(child);
    if (this.memoryMB !== this.options.memoryMB) {
      notes.push({
        level: 'warn',
        message: `memoryMB ${this.options.memoryMB} is outside the platform's range (${MIN_MEMORY_MB}–${MAX_MEMORY_MB} MB); the function runs with ${this.memoryMB} MB, as it would there.`,
      });
    }
    const id = request.invocationId ?? randomUUID();
    if (request.signal?.aborted) {
      // Stopped while it waited for the one before it: it never starts.
      return { invocationId: id, status: 'stopped', result: null, error: STOPPED_BY_DEVELOPER, durationMs: 0, memoryBytes: null, logs: notes, calls: [] };
    }
    return new Promise<InvocationResult>((resolve) => {
      const running: Running = {
        id,
        bundlePath: request.bundlePath,
        started: performance.now(),
        logs: notes,
        dropped: 0,
        calls: [],
        onCall: request.onCall,
        onLog: request.onLog,
        finish: (result) => {
          clearTimeout(running.timer);
          request.signal?.removeEventListener('abort', stop);
          if (running.memoryWatch) clearInterval(running.memoryWatch);
          if (this.running !== running) return;
          this.running = null;
          if (running.dropped > 0) result.logs.push({ level: 'warn', message: `${running.dropped} more log lines were dropped (at most ${MAX_LOG_LINES} are kept per invocation)` });
          resolve(result);
          this.watchIdle(child);
        },
        timer: setTimeout(() => {
          // The child may be stuck where it cannot answer: end it, report, start afresh next time.
          this.kill(child);
          running.finish(this.outcome(running, 'timeout', null, `The function ran longer than its limit of ${request.timeoutMs / 1000} s and was stopped.`, null));
        }, request.timeoutMs + KILL_GRACE_MS),
        memoryWatch: null,
      };
      // Ended as the time limit ends it: the child may be stuck where it cannot listen, so it is killed.
      const stop = () => {
        if (this.running !== running) return;
        this.kill(child);
        running.onLog?.(running.id, 'warn', STOPPED_BY_DEVELOPER);
        running.logs.push({ level: 'warn', message: STOPPED_BY_DEVELOPER });
        running.finish(this.outcome(running, 'stopped', null, STOPPED_BY_DEVELOPER, null));
      };
      request.signal?.addEventListener('abort', stop, { once: true });
      this.running = running;
      running.memoryWatch = this.watchMemory(child, running);
      const message: InvokeMessage = {
        type: 'invoke',
        invocationId: id,
        bundlePath: request.bundlePath,
        exportName: request.exportName,
        payloadJson: JSON.stringify(request.payload ?? null),
        contextJson: JSON.stringify(request.context ?? null),
        appContextJson: JSON.stringify({ ...request.appContext, invocationId: id }),
        externalAuthJson: JSON.stringify(request.externalAuth ?? []),
        env: request.env,
        timeoutMs: request.timeoutMs,
        memoryMB: this.memoryMB,
      };
      child.send(message, (error) => {
        if (!error) return;
        this.kill(child);
        running.finish(this.outcome(running, 'crashed', null, `The runner process could not take the invocation (${error.message}); run it again.`, null));
      });
    });
  }

  /** What the runner process may do (permission model, reads, processes, environment), asked of the real process. */
  async probe(file: string): Promise<ProbeResultMessage> {
    const child = await this.start();
    const probe: ProbeMessage = { type: 'probe', id: ++this.pings, file };
    return new Promise((resolve, reject) => {
      const onMessage = (message: ChildToHost) => {
        if (message.type !== 'probe-result' || message.id !== probe.id) return;
        child.off(CHECKED_MESSAGE, onMessage);
        resolve(message);
      };
      child.on(CHECKED_MESSAGE, onMessage);
      child.send(probe, (error) => error && reject(error));
    });
  }

  /** Whether the child answers a ping within the grace period: its event loop is free, so no app code is running. */
  private answersPing(child: ChildProcess): Promise<boolean> {
    return new Promise((resolve) => {
      if (!child.connected) {
        resolve(false);
        return;
      }
      const ping: PingMessage = { type: 'ping', id: ++this.pings };
      const done = (answered: boolean) => {
        clearTimeout(timer);
        child.off(CHECKED_MESSAGE, onMessage);
        child.off('exit', onExit);
        resolve(answered);
      };
      const onMessage = (message: ChildToHost) => {
        if (message.type === 'pong' && message.id === ping.id) done(true);
      };
      const onExit = () => done(false);
      const timer = setTimeout(() => done(false), this.idleGraceMs);
      child.on(CHECKED_MESSAGE, onMessage);
      child.once('exit', onExit);
      child.send(ping, (error) => {
        if (error) done(false);
      });
    });
  }

  // Right after an invocation: a child still busy with its leftovers is stopped at once, so it does
  // not burn a core until the next invocation finds it.
  private watchIdle(child: ChildProcess): void {
    if (this.child !== child) return;
    void this.answersPing(child).then((answered) => {
      if (!answered && this.running === null && this.child === child) this.kill(child);
    });
  }

  // The backstop for memory the child cannot check in time (one synchronous allocation loop).
  private watchMemory(child: ChildProcess, running: Running): NodeJS.Timeout | null {
    const pid = child.pid;
    if (pid === undefined) return null;
    const limit = (this.memoryMB * 2 + RUNTIME_ALLOWANCE_MB) * 1024 * 1024;
    let reading = false;
    const watch = setInterval(() => {
      if (reading) return;
      reading = true;
      void residentBytes(pid).then((bytes) => {
        reading = false;
        if (bytes === null) clearInterval(watch);
        else if (bytes > limit && this.running === running) {
          this.kill(child);
          running.finish(this.outcome(running, 'crashed', null, this.memoryMessage(`the runner process reached ${Math.round(bytes / 1024 / 1024)} MB resident`), null));
        }
      });
    }, MEMORY_WATCH_MS);
    watch.unref();
    return watch;
  }

  private memoryMessage(detail: string): string {
    return (
      `The function ran out of memory: it went over its memory limit of ${this.memoryMB} MB (heap and array buffers together; ${detail}) and was stopped. ` +
      `Use less memory (process large data in pages or streams), or raise runtime.memoryMB in manifest.yml (at most ${MAX_MEMORY_MB} MB on the platform).`
    );
  }

  private outcome(running: Running, status: InvocationResult['status'], result: unknown, error: string | null, memoryBytes: number | null): InvocationResult {
    return { invocationId: running.id, status, result, error, durationMs: Math.round(performance.now() - running.started), memoryBytes, logs: running.logs, calls: running.calls };
  }

  /** A message outside the protocol: the process no longer runs Anvil's script as written, so it is ended. */
  private refuseChild(child: ChildProcess, problem: string): void {
    const running = this.running;
    this.kill(child);
    const message = `The runner process sent a message outside Anvil's protocol (${problem.slice(0, 200)}), so it was stopped; run the function again.`;
    if (running) running.finish(this.outcome(running, 'crashed', null, message, null));
  }

  private kill(child: ChildProcess): void {
    if (this.child === child) {
      this.child = null;
      this.ready = null;
    }
    child.kill('SIGKILL');
  }

  private start(): Promise<ChildProcess> {
    // A closed host (its app closed, Anvil stopping) must not leave a process behind that nothing watches.
    if (this.closed) return Promise.reject(new Error(RUNNER_CLOSED));
    this.ready ??= (async () => {
      const script = await (this.options.childScript ?? runnerChildFile)();
      const child = fork(script, [], {
        // A real Node.js: release builds of the desktop shell cannot run Electron as Node.
        execPath: nodeRuntime(),
        execArgv: [
          '--experimental-permission',
          `--allow-fs-read=${path.dirname(script)}${path.sep}*`,
          `--allow-fs-read=${this.options.bundlesRoot}${path.sep}*`,
          `--max-old-space-size=${this.memoryMB}`,
          // Lets the child answer import() inside a context with an error of that context, not the host's.
          '--experimental-vm-modules',
          '--no-warnings',
        ],
        // App code never sees Anvil's environment (tokens, paths): the child starts with an empty one.
        env: {},
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'json',
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      child.on('message', (raw: unknown) => {
        const message = childMessage(raw);
        if (!message.ok) this.refuseChild(child, message.problem);
        else {
          child.emit(CHECKED_MESSAGE, message.value);
          this.onMessage(child, message.value);
        }
      });
      // A send to a child that has just died fails here; its exit gives the invocation its status.
      child.on('error', () => this.kill(child));
      child.on('exit', (code, signal) => {
        if (this.child === child) {
          this.child = null;
          this.ready = null;
        }
        const running = this.running;
        if (!running) return;
        const outOfMemory = /heap out of memory|Allocation failed/i.test(stderr);
        running.finish(
          this.outcome(
            running,
            'crashed',
            null,
            outOfMemory
              ? this.memoryMessage('the JavaScript heap ran out')
              : `The runner process ended during the invocation (${signal ?? `exit code ${code}`}). ${stderr.trim().split('\n').slice(-3).join(' ')}`.trim(),
            null,
          ),
        );
      });
      await new Promise<void>((resolve, reject) => {
        const onReady = (message: ChildToHost) => {
          if (message.type !== 'ready') return;
          child.off(CHECKED_MESSAGE, onReady);
          resolve();
        };
        child.on(CHECKED_MESSAGE, onReady);
        child.once('exit', () => reject(new Error(`The runner process did not start: ${stderr.trim() || 'no output'}`)));
      });
      if (this.closed) {
        child.kill('SIGKILL');
        throw new Error(RUNNER_CLOSED);
      }
      this.child = child;
      return child;
    })();
    return this.ready;
  }

  private onMessage(child: ChildProcess, message: ChildToHost): void {
    const running = this.running;
    if (message.type === 'ready' || !running || ('invocationId' in message && message.invocationId !== running.id)) return;
    if (message.type === 'log') {
      // A logged error's stack names the app's files, as the invocation's own error does.
      const text = this.stacks.mapText(String(message.message), running.bundlePath);
      const platformDrop = platformDropOf(running.onLog?.(running.id, message.level, text));
      if (running.logs.length < MAX_LOG_LINES) running.logs.push({ level: message.level, message: text.slice(0, MAX_KEPT_LINE_CHARS), ...(platformDrop ? { platformDrop } : {}) });
      else running.dropped += 1;
      return;
    }
    if (message.type === 'call') {
      void running
        .onCall(message)
        .catch((error: Error) => ({
          response: { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `Anvil could not handle the call: ${error.message}` }) },
          record: { kind: message.kind, target: message.request.url, method: message.request.method, allowed: false, reason: error.message },
        }))
        .then(({ response, record }) => {
          if (this.running === running) running.calls.push(record);
          if (child.connected) child.send({ type: 'reply', callId: message.callId, ...response });
        });
      return;
    }
    if (message.type === 'done') this.finishDone(running, message);
  }

  private finishDone(running: Running, message: DoneMessage): void {
    if (!message.ok && message.error.name === 'OutOfMemoryError') {
      // Its memory goes back to the system with the process; the next invocation gets a fresh one.
      if (this.child) this.kill(this.child);
      const used = /used (\d+) MB/.exec(message.error.message);
      running.finish(this.outcome(running, 'crashed', null, this.memoryMessage(used ? `it used ${used[1]} MB` : message.error.message), message.memoryBytes));
      return;
    }
    if (message.ok) {
      running.finish(this.outcome(running, 'ok', JSON.parse(message.resultJson) as unknown, null, message.memoryBytes));
    } else {
      const timedOut = message.error.name === 'TimeoutError';
      const frames = timedOut ? [] : this.stacks.frames(message.error.stack, running.bundlePath);
      const error = [`${message.error.name}: ${message.error.message}`, ...frames].join('\n');
      running.finish(this.outcome(running, timedOut ? 'timeout' : 'error', null, error, message.memoryBytes));
    }
  }
}

/** What `onLog` said of a line: whether the platform would drop it (anything else it returns is ignored). */
function platformDropOf(returned: unknown): 'lines' | 'size' | undefined {
  const value = returned !== null && typeof returned === 'object' ? (returned as { platformDrop?: unknown }).platformDrop : undefined;
  return value === 'lines' || value === 'size' ? value : undefined;
}
