import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../project-root';

/** A manifest with more violations than this is reported by its first ones: enough to fix, bounded to show. */
const MAX_VIOLATIONS = 500;

/** One schema violation as Ajv reports it. */
export interface SchemaViolation {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

// The build generates the validator (out/main/manifest-schema, from scripts/manifest-validator.mjs), so
// loading it takes milliseconds. Only a checkout that was never built compiles the 2 MB schema at run
// time (seconds), and then in a worker thread, so neither the editor nor the core's event loop waits.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let validateManifest;
if (workerData.generatedPath) {
  validateManifest = require(workerData.generatedPath).validateManifest;
} else {
  const Ajv = require(workerData.ajvPath).default;
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(require(workerData.schemaPath));
  validateManifest = (manifest) => (validate(manifest) ? [] : validate.errors);
}
parentPort.on('message', ({ id, manifest }) => {
  const violations = validateManifest(manifest).slice(0, ${MAX_VIOLATIONS}).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message || '', params: e.params }));
  parentPort.postMessage({ id, violations });
});
parentPort.postMessage({ ready: true });
`;

type GeneratedValidator = { validateManifest(manifest: unknown): { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] };

/** The generated validator's entry, or null when this checkout was never built. */
export function generatedValidatorPath(): string | null {
  const file = path.join(projectRoot(), 'out', 'main', 'manifest-schema', 'index.cjs');
  return existsSync(file) ? file : null;
}

/** Validates manifests against Atlassian's own manifest schema (the @forge/manifest package). */
export class SchemaValidator {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (violations: SchemaViolation[]) => void; reject: (error: Error) => void }>();
  private failure: string | null = null;
  private ready = false;
  private readyWaiters: (() => void)[] = [];
  private inThread: GeneratedValidator | null = null;

  /**
   * `inThisThread`: a one-shot command (lint) validates in its own thread with the generated
   * validator, which saves starting a worker; the workbench keeps the worker so its event loop never
   * waits while a module type's checks load.
   */
  constructor(private readonly options: { inThisThread?: boolean } = {}) {}

  /** Start compiling now, so the first validation does not pay for it. */
  warmUp(): void {
    this.ensureWorker();
  }

  /** Whether the schema is compiled (or failed to load), so a validation answers at once. */
  isReady(): boolean {
    return this.ready || this.failure !== null || (this.options.inThisThread === true && generatedValidatorPath() !== null);
  }

  /** Resolves once the schema is compiled (or failed to load). */
  whenReady(): Promise<void> {
    this.ensureWorker();
    if (this.isReady()) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  validate(manifest: unknown): Promise<SchemaViolation[]> {
    const generated = this.options.inThisThread ? this.generatedInThread() : null;
    if (generated) {
      try {
        return Promise.resolve(
          generated
            .validateManifest(manifest)
            .slice(0, MAX_VIOLATIONS)
            .map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message ?? '', params: e.params })),
        );
      } catch (error) {
        return Promise.reject(new Error(`The manifest schema could not be loaded: ${(error as Error).message}`));
      }
    }
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

  private generatedInThread(): GeneratedValidator | null {
    if (this.inThread) return this.inThread;
    const file = generatedValidatorPath();
    if (!file) return null;
    this.inThread = createRequire(import.meta.url)(file) as GeneratedValidator;
    this.ready = true;
    return this.inThread;
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.failure) return this.worker;
    if (this.options.inThisThread && generatedValidatorPath()) {
      this.ready = true;
      return null;
    }
    const require = createRequire(import.meta.url);
    const generatedPath = generatedValidatorPath();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: generatedPath ? { generatedPath } : { ajvPath: require.resolve('ajv'), schemaPath: require.resolve('@forge/manifest/schema.json') },
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
