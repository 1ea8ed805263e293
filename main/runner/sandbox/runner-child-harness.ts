import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { CallMessage, ChildToHost, DoneMessage, InvokeMessage, LogMessage, ReplyMessage } from '../protocol';
import { InvocationQueue } from './invocation-queue';
import { nodeLibsDefine } from './node-libs-options.mjs';
import { inContextTextPlugin } from './in-context-text-plugin.mjs';

// Test support for the sandbox: build and start the real child, or run the same code in-process.

/** What one invocation produced, as the host sees it. */
export interface InvocationRecord {
  done: DoneMessage;
  logs: LogMessage[];
  calls: CallMessage[];
}

/** How the test "host" answers a call; null leaves it unanswered. */
export type CallAnswer = (call: CallMessage) => Omit<ReplyMessage, 'type' | 'callId'> | null;

/** What a test may vary per invocation; everything else gets a plausible Forge default. */
export interface InvokeOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
  memoryMB?: number;
  contextJson?: string;
  appContextJson?: string;
  externalAuthJson?: string;
  answer?: CallAnswer;
}

const answerOk: CallAnswer = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
let invocationCounter = 0;

/** Bundles runner-child.ts exactly as the host build does: one ESM file for Node. */
export async function buildRunnerChild(): Promise<string> {
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'anvil-runner-child-')), 'runner-child.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./runner-child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    define: await nodeLibsDefine(build),
    plugins: [inContextTextPlugin()],
    logLevel: 'silent',
  });
  return outfile;
}

/** Writes hand-written CommonJS app bundles into a fresh folder and returns it. */
export function writeAppBundles(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'anvil-app-bundle-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

/** The parsed result of a successful invocation; fails the test with the function's error otherwise. */
export function resultOf(record: InvocationRecord): unknown {
  if (!record.done.ok) throw new Error(`The function failed: ${record.done.error.name}: ${record.done.error.message}\n${record.done.error.stack ?? ''}`);
  return JSON.parse(record.done.resultJson);
}

function invokeMessage(bundlePath: string, exportName: string, payload: unknown, options: InvokeOptions): InvokeMessage {
  return {
    type: 'invoke',
    invocationId: `test-invocation-${++invocationCounter}`,
    bundlePath,
    exportName,
    payloadJson: JSON.stringify(payload ?? {}),
    contextJson: options.contextJson ?? JSON.stringify({ installContext: 'ari:cloud:jira::site/0000-test', principal: { accountId: 'account-1' } }),
    appContextJson: options.appContextJson ?? JSON.stringify({ appId: 'app-1', environmentId: 'env-1', environmentType: 'DEVELOPMENT' }),
    externalAuthJson: options.externalAuthJson ?? '[]',
    env: options.env ?? {},
    timeoutMs: options.timeoutMs ?? 5_000,
    memoryMB: options.memoryMB ?? 1024,
  };
}

// Collects the messages of each invocation until its `done`, answering calls on the way.
class Recorder {
  private readonly open = new Map<string, { record: Omit<InvocationRecord, 'done'>; answer: CallAnswer; resolve: (r: InvocationRecord) => void; reject: (e: Error) => void }>();

  constructor(private readonly reply: (message: ReplyMessage) => void) {}

  expect(invoke: InvokeMessage, answer: CallAnswer): Promise<InvocationRecord> {
    return new Promise((resolve, reject) => {
      this.open.set(invoke.invocationId, { record: { logs: [], calls: [] }, answer, resolve, reject });
    });
  }

  receive(message: ChildToHost): void {
    if (message.type === 'ready' || message.type === 'pong' || message.type === 'probe-result') return;
    const entry = this.open.get(message.invocationId);
    if (!entry) return;
    if (message.type === 'log') entry.record.logs.push(message);
    else if (message.type === 'call') {
      entry.record.calls.push(message);
      const answer = entry.answer(message);
      if (answer) this.reply({ type: 'reply', callId: message.callId, ...answer });
    } else {
      this.open.delete(message.invocationId);
      entry.resolve({ ...entry.record, done: message });
    }
  }

  failAll(error: Error): void {
    for (const entry of this.open.values()) entry.reject(error);
    this.open.clear();
  }
}

/** The real child process, started with the permission model as the host starts it. */
export class RunnerChild {
  readonly exited: Promise<number | null>;
  private readonly recorder: Recorder;
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    this.recorder = new Recorder((message) => child.send(message));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('message', (message) => this.recorder.receive(message as ChildToHost));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        this.recorder.failAll(new Error(`The runner child exited (code ${code}). stderr:\n${this.stderr}`));
        resolve(code);
      }),
    );
  }

  /** Starts the child and waits for its `ready` message. */
  static start(childFile: string, bundleFolder: string, options: { vmModules?: boolean; env?: Record<string, string> } = {}): Promise<RunnerChild> {
    const flags = [
      '--experimental-permission',
      `--allow-fs-read=${path.dirname(childFile)}`,
      `--allow-fs-read=${bundleFolder}`,
      '--max-old-space-size=128',
      ...(options.vmModules === false ? [] : ['--experimental-vm-modules']),
      '--no-warnings',
    ];
    const child = fork(childFile, [], { execPath: process.execPath, execArgv: flags, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: options.env ?? {} });
    const runner = new RunnerChild(child);
    return new Promise((resolve, reject) => {
      child.once('message', (message) => ((message as ChildToHost).type === 'ready' ? resolve(runner) : reject(new Error('first message was not ready'))));
      void runner.exited.then((code) => reject(new Error(`The runner child exited before it was ready (code ${code}): ${runner.stderr}`)));
    });
  }

  invoke(bundlePath: string, exportName: string, payload?: unknown, options: InvokeOptions = {}): Promise<InvocationRecord> {
    const message = invokeMessage(bundlePath, exportName, payload, options);
    const record = this.recorder.expect(message, options.answer ?? answerOk);
    this.child.send(message);
    return record;
  }

  /** Closes the IPC channel, as the host does when it shuts the runner down. */
  disconnect(): void {
    if (this.child.connected) this.child.disconnect();
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** The same invocation code in this process, for quick checks of what app code sees. */
export class InProcessRunner {
  private readonly recorder = new Recorder((message) => setImmediate(() => this.queue.receive(message)));
  private readonly queue = new InvocationQueue({ send: (message) => this.recorder.receive(message) });

  invoke(bundlePath: string, exportName: string, payload?: unknown, options: InvokeOptions = {}): Promise<InvocationRecord> {
    const message = invokeMessage(bundlePath, exportName, payload, options);
    const record = this.recorder.expect(message, options.answer ?? answerOk);
    this.queue.receive(message);
    return record;
  }
}
