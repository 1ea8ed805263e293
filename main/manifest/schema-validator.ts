import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** One schema violation as Ajv reports it. */
export interface SchemaViolation {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

// Compiling the 2 MB manifest schema from @forge/manifest takes seconds, so it happens once in a worker
// thread, started early; the editor and the core's event loop never wait on it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Ajv = require(workerData.ajvPath).default;
const schema = require(workerData.schemaPath);
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);
parentPort.on('message', ({ id, manifest }) => {
  validate(manifest);
  const violations = (validate.errors || []).slice(0, 500).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message || '', params: e.params }));
  parentPort.postMessage({ id, violations });
});
parentPort.postMessage({ ready: true });
`;

/** Validates manifests against Atlassian's own manifest schema (the @forge/manifest package). */
export class SchemaValidator {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (violations: SchemaViolation[]) => void; reject: (error: Error) => void }>();
  private failure: string | null = null;
  private ready = false;
  private readyWaiters: (() => void)[] = [];

  /** Start compiling now, so the first validation does not pay for it. */
  warmUp(): void {
    this.ensureWorker();
  }

  /** Whether the schema is compiled (or failed to load), so a validation answers at once. */
  isReady(): boolean {
    return this.ready || this.failure !== null;
  }

  /** Resolves once the schema is compiled (or failed to load). */
  whenReady(): Promise<void> {
    this.ensureWorker();
    if (this.isReady()) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  validate(manifest: unknown): Promise<SchemaViolation[]> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.reject(new Error(this.failure ?? 'schema validator unavailable'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, manifest });
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.ready = false;
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.failure) return this.worker;
    const require = createRequire(import.meta.url);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ajvPath: require.resolve('ajv'), schemaPath: require.resolve('@forge/manifest/schema.json') },
    });
    worker.unref();
    worker.on('message', (message: { id?: number; ready?: boolean; violations?: SchemaViolation[] }) => {
      if (message.ready) {
        this.ready = true;
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        return;
      }
      if (message.id === undefined) return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      waiter?.resolve(message.violations ?? []);
    });
    worker.on('error', (error) => {
      this.failure = `The manifest schema could not be loaded: ${error.message}`;
      this.worker = null;
      for (const waiter of this.pending.values()) waiter.reject(new Error(this.failure));
      this.pending.clear();
      this.readyWaiters.splice(0).forEach((resolve) => resolve());
    });
    this.worker = worker;
    return worker;
  }
}

let shared: SchemaValidator | null = null;

/** One validator for the whole process: the schema is the same for every app, and compiling it is the costly part. */
export function sharedSchemaValidator(): SchemaValidator {
  shared ??= new SchemaValidator();
  return shared;
}
