/**
 * In-context piece: Node's `worker_threads` as seen from the main thread of a process that never
 * starts a worker. Packages such as pino (through thread-stream) require it when they load, and
 * only start a worker for optional features (pino's transports), so loading it must work; starting
 * a worker must not: a worker would run outside the invocation's context and its time and memory
 * limits. The bundle's own wrapper (host/unsupported-modules.ts) replaces `Worker` with one whose
 * message names the package that started it; this one is for code the wrapper never saw. Runs as
 * text inside the context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

/** The `worker_threads` module as app code sees it. */
export interface WorkerThreadsModule {
  isMainThread: boolean;
  parentPort: null;
  workerData: null;
  threadId: number;
  resourceLimits: Record<string, number>;
  SHARE_ENV: symbol;
  Worker: new (...args: unknown[]) => object;
}

declare module './kernel' {
  interface Kernel {
    /** A new `worker_threads` module object (require caches it). */
    loadWorkerThreads(): WorkerThreadsModule;
  }
}

/** Shares k.loadWorkerThreads. */
export function installWorkerThreads(k: Kernel): void {
  k.loadWorkerThreads = function () {
    const message =
      "Node's worker_threads module cannot start a worker in Anvil's local runner: a worker thread would run outside the invocation's sandbox and its time and memory limits. " +
      "Forge's Node.js runtime has it, so a deployed function may get further than Anvil shows. " +
      'Way out: do the work in the invocation itself (long work fits an async-events consumer, which may run up to 900 s).';
    class Worker {
      constructor() {
        const e: CodedError = new Error(message);
        e.code = 'ERR_WORKER_INIT_FAILED';
        throw e;
      }
    }
    return {
      isMainThread: true,
      parentPort: null,
      workerData: null,
      threadId: 0,
      resourceLimits: {},
      SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
      Worker,
    };
  };
}
