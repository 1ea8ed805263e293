import { builtinModules } from 'node:module';
import vm from 'node:vm';
import { SANDBOX_SCRIPT_PREFIX } from './app-script-name';
import { bootstrapScript } from './context-bootstrap';
import type { SandboxSettings } from './in-context/kernel';

/** The one function the context may call: strings and numbers in, a string or number out, never throws. */
export type HostCall = (op: unknown, a: unknown, b: unknown, c: unknown) => string | number;

/** Returned to the context when no invocation (or no longer one) takes its calls. */
export const CLOSED = -1;

// The same for every context of this process, so they can go in before the invocation is known.
const SETTINGS_JSON = JSON.stringify({ nodeVersion: process.version, builtinModules, scriptPrefix: SANDBOX_SCRIPT_PREFIX } satisfies SandboxSettings);

/**
 * A new context with the bootstrap installed and nothing else run in it: no app code, no
 * invocation data. Creating and bootstrapping it is most of an invocation's fixed cost, so the
 * queue makes the next one while the child is idle (see ContextSupply); it is still used once.
 */
export class FreshContext {
  readonly context: vm.Context;
  private handler: HostCall | null = null;
  private readonly importRefusal: (specifier: string) => unknown;
  private readonly provideModule: (fn: unknown) => void;
  private readonly beginInContext: (configJson: string) => unknown;
  private readonly warmInContext: () => unknown;
  private used = false;

  constructor() {
    this.context = vm.createContext(Object.create(null), {
      name: 'Forge function (Anvil sandbox)',
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    const enter: unknown = bootstrapScript.runInContext(this.context);
    if (typeof enter !== 'function') throw new Error('The sandbox bootstrap did not produce its entry function');
    // Taken while the context holds nothing but the bootstrap's own objects: no app code has run.
    const installed: unknown = (enter as (hostCall: HostCall, settingsJson: string) => unknown)(this.createHostCall(), SETTINGS_JSON);
    const parts: unknown[] = Array.isArray(installed) ? (installed as unknown[]) : [];
    const [importRefusal, provideModule, begin, warm] = parts;
    if (typeof importRefusal !== 'function' || typeof provideModule !== 'function' || typeof begin !== 'function' || typeof warm !== 'function') {
      throw new Error('The sandbox bootstrap did not install');
    }
    this.importRefusal = importRefusal as (specifier: string) => unknown;
    this.provideModule = provideModule as (fn: unknown) => void;
    this.beginInContext = begin as (configJson: string) => unknown;
    this.warmInContext = warm as () => unknown;
  }

  /**
   * Builds one more of the context's lazy pieces (Buffer, URL, fetch, the modules…) ahead of time;
   * returns how many are left. Never once the context has begun: from then on app code may have
   * changed the realm, and only the entry script, under the timeout, runs code in it.
   */
  warm(): number {
    if (this.used) return 0;
    const left = this.warmInContext();
    return typeof left === 'number' ? left : 0;
  }

  /** Hands the context to one invocation: its host calls go to `handler`, and it gets the invocation's settings. */
  begin(handler: HostCall, configJson: string): void {
    if (this.used) throw new Error('A sandbox context is used by one invocation only');
    this.used = true;
    this.handler = handler;
    if (this.beginInContext(configJson) !== true) throw new Error('The sandbox context did not take the invocation');
  }

  /** Gives the context the bundle's module function (only the first one counts). */
  setModule(moduleFn: unknown): void {
    this.provideModule(moduleFn);
  }

  /** The error, made in this context, that `import()` rejects with. */
  refuseImport(specifier: string): unknown {
    return this.importRefusal(specifier);
  }

  /** After the invocation: every later host call from this context is answered CLOSED. */
  close(): void {
    this.handler = null;
  }

  // An arrow function (no `arguments`, `caller` or `prototype`) with its prototype removed, so
  // nothing reachable from it leads to the host's Function; it catches everything it could throw.
  private createHostCall(): HostCall {
    const hostCall: HostCall = (op, a, b, c) => {
      try {
        const handler = this.handler;
        return handler ? handler(op, a, b, c) : CLOSED;
      } catch {
        return CLOSED;
      }
    };
    Object.setPrototypeOf(hostCall, null);
    return hostCall;
  }
}

/**
 * Keeps one fresh context ready, so an invocation finds its context already built. When the child
 * is busy back to back there is no idle time, and an invocation builds its own, minimal context.
 */
export class ContextSupply {
  private spare: FreshContext | null = null;
  private warm = false;

  /** A context no invocation has touched: the prepared one, or a new one. */
  take(): FreshContext {
    const fresh = this.spare ?? new FreshContext();
    this.spare = null;
    this.warm = false;
    return fresh;
  }

  /**
   * One step of getting the next context ready — making it, then building its lazy pieces one by
   * one — so the caller can stop between steps when an invocation arrives. True while steps remain.
   * A failure here is left to show up again in take().
   */
  prepareStep(): boolean {
    try {
      if (!this.spare) {
        this.spare = new FreshContext();
        return true;
      }
      if (this.warm) return false;
      this.warm = this.spare.warm() === 0;
      return !this.warm;
    } catch {
      this.warm = true;
      return false;
    }
  }
}
