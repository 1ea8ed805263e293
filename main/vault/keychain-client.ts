import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeRuntime, outsideArchive } from '../node-runtime';

/** Where the keychain child script is: beside this file in the sources, or copied beside the bundle. */
function childScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'keychain-child.cjs'), path.join(here, 'vault', 'keychain-child.cjs')]) {
    if (existsSync(candidate)) return outsideArchive(candidate);
  }
  throw new Error(`keychain-child.cjs is missing beside ${here}; rebuild Anvil (npm run build)`);
}

type Pending = { resolve: (value: string | boolean | null) => void; reject: (error: Error) => void };

/** How long one keychain call may take (an unlock prompt that never appears must not hang the vault). */
export const KEYCHAIN_CALL_TIMEOUT_MS = 15_000;

/**
 * The OS keychain through a child process. A crash of the native code there ends that child, fails
 * the calls in flight with a clear message, and the next call starts a fresh child.
 */
export class KeychainClient {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  get(service: string, account: string): Promise<string | null> {
    return this.call('get', service, account) as Promise<string | null>;
  }

  async set(service: string, account: string, value: string): Promise<void> {
    await this.call('set', service, account, value);
  }

  async delete(service: string, account: string): Promise<boolean> {
    return (await this.call('delete', service, account)) === true;
  }

  close(): void {
    this.child?.kill();
    this.child = null;
  }

  private call(op: 'get' | 'set' | 'delete', service: string, account: string, value?: string): Promise<string | boolean | null> {
    const child = this.ensureChild();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the keychain did not answer within ${KEYCHAIN_CALL_TIMEOUT_MS / 1000} s (is it waiting to be unlocked?)`));
      }, KEYCHAIN_CALL_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          this.releaseIfIdle();
          resolve(result);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.releaseIfIdle();
          reject(error);
        },
      });
      // Hold the event loop open while a call is in flight (a CLI must wait for the answer).
      child.ref();
      channelOf(child)?.ref();
      child.send({ id, op, service, account, value });
    });
  }

  private ensureChild(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(childScript(), [], { execPath: nodeRuntime(), env: this.env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
    child.on('message', (message: { id: number; ok: boolean; value?: string | boolean | null; error?: string }) => {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiter) return;
      if (message.ok) waiter.resolve(message.value ?? null);
      else waiter.reject(new Error(message.error ?? 'keychain error'));
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      const reason = signal ? `the keychain process crashed (${signal})` : `the keychain process exited (${code})`;
      for (const waiter of this.pending.values()) waiter.reject(new Error(reason));
      this.pending.clear();
    });
    child.stderr?.resume();
    this.child = child;
    this.releaseIfIdle();
    return child;
  }

  // An idle keychain child never keeps Anvil (or a CLI command) from exiting.
  private releaseIfIdle(): void {
    if (this.pending.size > 0 || !this.child) return;
    this.child.unref();
    channelOf(this.child)?.unref();
  }
}

function channelOf(child: ChildProcess): { ref(): void; unref(): void } | undefined {
  return (child as unknown as { channel?: { ref(): void; unref(): void } }).channel;
}
