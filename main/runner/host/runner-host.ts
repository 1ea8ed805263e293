import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { RunResult } from '../../../common/types';
import type { CallMessage, ChildToHost, DoneMessage, InvokeMessage } from '../protocol';
import type { CallRecord, GatewayResponse } from '../gateway/call-record';
import { runnerChildFile } from './runner-child-file';
import { nodeRuntime } from '../../node-runtime';

/** Log lines kept per invocation; the rest are counted (a log flood must not swamp the workbench). */
export const MAX_LOG_LINES = 500;
/** Grace after the timeout before the child is killed (it may be busy in a synchronous loop). */
const KILL_GRACE_MS = 250;

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
  /** Each log line as it happens (the terminal pane and the logs store follow them). */
  onLog?: (invocationId: string, level: string, message: string) => void;
  /** Chosen by the caller so it can record the invocation before it starts; a fresh UUID otherwise. */
  invocationId?: string;
}

/** One invocation's outcome; the app runner adds which function, environment and installation. */
export type InvocationResult = Omit<RunResult, 'functionKey' | 'environment' | 'installation'>;

/** What the host does for the child's calls (product, fetch, storage): the gateway. */
export type CallHandler = (call: CallMessage) => Promise<{ response: GatewayResponse; record: CallRecord }>;

export interface RunnerHostOptions {
  /** Folder holding every bundle this runner may read (the child gets read access to it and nothing else). */
  bundlesRoot: string;
  memoryMB: number;
}

interface Running {
  id: string;
  started: number;
  logs: InvocationResult['logs'];
  dropped: number;
  calls: CallRecord[];
  onCall: CallHandler;
  onLog: InvocationRequest['onLog'];
  finish: (result: InvocationResult) => void;
  timer: NodeJS.Timeout;
}

/**
 * One runner process per app and environment: app code runs there, one invocation at a time, under
 * Node's permission model and a memory cap. A crash, an endless loop or a memory blow-up ends that
 * invocation with a status, and the next one gets a fresh process.
 */
export class RunnerHost {
  private child: ChildProcess | null = null;
  private ready: Promise<ChildProcess> | null = null;
  private running: Running | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RunnerHostOptions) {}

  invoke(request: InvocationRequest): Promise<InvocationResult> {
    const next = this.queue.then(() => this.run(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
    this.ready = null;
  }

  private async run(request: InvocationRequest): Promise<InvocationResult> {
    const child = await this.start();
    const id = request.invocationId ?? randomUUID();
    return new Promise<InvocationResult>((resolve) => {
      const running: Running = {
        id,
        started: performance.now(),
        logs: [],
        dropped: 0,
        calls: [],
        onCall: request.onCall,
        onLog: request.onLog,
        finish: (result) => {
          clearTimeout(running.timer);
          this.running = null;
          if (running.dropped > 0) result.logs.push({ level: 'warn', message: `${running.dropped} more log lines were dropped (at most ${MAX_LOG_LINES} are kept per invocation)` });
          resolve(result);
        },
        timer: setTimeout(() => {
          // The child may be stuck where it cannot answer: end it, report, start afresh next time.
          this.kill(child);
          running.finish(this.outcome(running, 'timeout', null, `The function ran longer than its limit of ${request.timeoutMs / 1000} s and was stopped.`, null));
        }, request.timeoutMs + KILL_GRACE_MS),
      };
      this.running = running;
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
      };
      child.send(message);
    });
  }

  private outcome(running: Running, status: InvocationResult['status'], result: unknown, error: string | null, memoryBytes: number | null): InvocationResult {
    return { invocationId: running.id, status, result, error, durationMs: Math.round(performance.now() - running.started), memoryBytes, logs: running.logs, calls: running.calls };
  }

  private kill(child: ChildProcess): void {
    if (this.child === child) {
      this.child = null;
      this.ready = null;
    }
    child.kill('SIGKILL');
  }

  private start(): Promise<ChildProcess> {
    this.ready ??= (async () => {
      const script = await runnerChildFile();
      const child = fork(script, [], {
        // A real Node.js: release builds of the desktop shell cannot run Electron as Node.
        execPath: nodeRuntime(),
        execArgv: [
          '--experimental-permission',
          `--allow-fs-read=${path.dirname(script)}${path.sep}*`,
          `--allow-fs-read=${this.options.bundlesRoot}${path.sep}*`,
          `--max-old-space-size=${this.options.memoryMB}`,
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
      child.on('message', (message: ChildToHost) => this.onMessage(child, message));
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
              ? `The function ran out of memory (limit ${this.options.memoryMB} MB) and was stopped.`
              : `The runner process ended during the invocation (${signal ?? `exit code ${code}`}). ${stderr.trim().split('\n').slice(-3).join(' ')}`.trim(),
            null,
          ),
        );
      });
      await new Promise<void>((resolve, reject) => {
        const onReady = (message: ChildToHost) => {
          if (message.type !== 'ready') return;
          child.off('message', onReady);
          resolve();
        };
        child.on('message', onReady);
        child.once('exit', () => reject(new Error(`The runner process did not start: ${stderr.trim() || 'no output'}`)));
      });
      this.child = child;
      return child;
    })();
    return this.ready;
  }

  private onMessage(child: ChildProcess, message: ChildToHost): void {
    const running = this.running;
    if (message.type === 'ready' || !running || ('invocationId' in message && message.invocationId !== running.id)) return;
    if (message.type === 'log') {
      running.onLog?.(running.id, message.level, message.message);
      if (running.logs.length < MAX_LOG_LINES) running.logs.push({ level: message.level, message: message.message });
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
    if (message.ok) {
      running.finish(this.outcome(running, 'ok', JSON.parse(message.resultJson) as unknown, null, message.memoryBytes));
    } else {
      const timedOut = message.error.name === 'TimeoutError';
      running.finish(this.outcome(running, timedOut ? 'timeout' : 'error', null, `${message.error.name}: ${message.error.message}`, message.memoryBytes));
    }
  }
}
