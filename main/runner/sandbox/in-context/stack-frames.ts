/**
 * In-context piece: stacks of app errors hold only frames of the context (the app's bundle, the
 * sandbox's glue, the engine's built-ins). The host's frames below the entry script (the vm module,
 * the runner process's own files, Node's timers) would name where Anvil lies on the machine, so
 * they are dropped before any formatting, and `Error.prepareStackTrace` set by the app is handed the
 * same filtered CallSites. The runner process holds a second guard for errors whose realm's global
 * `Error` the app replaced (host-stack-guard.ts). Runs as text inside the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

type CallSite = NodeJS.CallSite;
type PrepareStackTrace = (error: Error, sites: CallSite[]) => unknown;

/** Installs the Error.prepareStackTrace accessor; before any app code, with the CallSite methods captured now. */
export function installStackFrames(k: Kernel): void {
  const ErrorIntrinsic = Error;
  const apply = Reflect.apply;
  const isArray = Array.isArray;
  const errorToString = Error.prototype.toString;
  const stringSlice = String.prototype.slice;
  const weakGet = WeakMap.prototype.get;
  const weakSet = WeakMap.prototype.set;
  const prefix = k.settings.scriptPrefix;
  let sample: CallSite;
  ErrorIntrinsic.prepareStackTrace = (e, sites) => sites;
  try {
    sample = (new ErrorIntrinsic().stack as unknown as CallSite[])[0] as CallSite;
  } finally {
    delete (ErrorIntrinsic as { prepareStackTrace?: unknown }).prepareStackTrace;
  }
  const site = Object.getPrototypeOf(sample) as CallSite;
  const getFileName = site.getFileName;
  const siteToString = site.toString;

  function fileOf(s: unknown): unknown {
    try {
      return apply(getFileName, s, []);
    } catch {
      return undefined;
    }
  }
  function inContext(file: unknown): boolean {
    if (file === undefined || file === null || file === '') return true;
    if (typeof file !== 'string') return false;
    const config = k.config;
    return (config !== null && file === config.filename) || apply(stringSlice, file, [0, prefix.length]) === prefix;
  }
  // Frames of the context, top first; built-in frames (no file) below the last frame with a file are the host's.
  function ownFrames(sites: unknown): CallSite[] {
    const kept: CallSite[] = [];
    if (!isArray(sites)) return kept;
    let last = -1;
    for (let i = 0; i < sites.length; i++) {
      const file = fileOf(sites[i]);
      if (!inContext(file)) continue;
      kept[kept.length] = sites[i] as CallSite;
      if (typeof file === 'string' && file !== '') last = kept.length - 1;
    }
    kept.length = last + 1;
    return kept;
  }
  function format(error: unknown, frames: CallSite[]): string {
    let text: string;
    try {
      text = String(apply(errorToString, error, []));
    } catch {
      text = '<error>';
    }
    for (let i = 0; i < frames.length; i++) {
      let line: string;
      try {
        line = String(apply(siteToString, frames[i], []));
      } catch {
        line = '<anonymous>';
      }
      text += '\n    at ' + line;
    }
    return text;
  }

  // What the engine calls (through Node) for every error of this realm. Reading the property always
  // gives a filtering function: a function set by the app is only ever called with filtered frames.
  let appPrepare: unknown;
  const wrappers = new WeakMap<object, PrepareStackTrace>();
  const unwrap = new WeakMap<object, unknown>();
  function prepare(error: Error, sites: CallSite[]): unknown {
    const frames = ownFrames(sites);
    if (typeof appPrepare === 'function') return apply(appPrepare, ErrorIntrinsic, [error, frames]);
    return format(error, frames);
  }
  function wrapperOf(fn: object): PrepareStackTrace {
    let wrapper = apply(weakGet, wrappers, [fn]) as PrepareStackTrace | undefined;
    if (wrapper === undefined) {
      wrapper = function prepareStackTrace(error: Error, sites: CallSite[]) {
        return prepare(error, sites);
      };
      apply(weakSet, wrappers, [fn, wrapper]);
      apply(weakSet, unwrap, [wrapper, fn]);
    }
    return wrapper;
  }
  Object.defineProperty(ErrorIntrinsic, 'prepareStackTrace', {
    get() {
      return typeof appPrepare === 'function' ? wrapperOf(appPrepare) : prepare;
    },
    set(this: object, value: unknown) {
      if (this !== ErrorIntrinsic) {
        Object.defineProperty(this, 'prepareStackTrace', { value, writable: true, configurable: true, enumerable: true });
        return;
      }
      if (value === prepare) appPrepare = undefined;
      else appPrepare = (typeof value === 'function' && apply(weakGet, unwrap, [value])) || value;
    },
    enumerable: false,
    // Not configurable: deleting it would let Node format with every frame.
    configurable: false,
  });
}
