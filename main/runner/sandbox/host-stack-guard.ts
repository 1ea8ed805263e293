import { APP_SCRIPT_FOLDER, SANDBOX_SCRIPT_PREFIX } from './app-script-name';

/**
 * Node formats an error of a vm context with that context's `Error.prepareStackTrace` (which the
 * sandbox guards, in-context/stack-frames.ts), or, when the app has replaced the context's global
 * `Error`, with this process's. This one is that second guard: for errors of another realm it keeps
 * only the context's frames, so the runner's own files and the vm module never show in app code.
 * CallSite methods are this realm's, taken now: the app may have replaced its realm's.
 * Errors of this process itself are formatted as Node does.
 */
export function guardHostStackTraces(): void {
  const previous = Error.prepareStackTrace;
  let sample: NodeJS.CallSite | undefined;
  Error.prepareStackTrace = (_error, sites) => sites;
  try {
    sample = (new Error().stack as unknown as NodeJS.CallSite[])[0];
  } finally {
    Error.prepareStackTrace = previous;
  }
  const site = Object.getPrototypeOf(sample) as NodeJS.CallSite;
  const getFileName = site.getFileName;
  const siteToString = site.toString;
  const errorToString = Error.prototype.toString;
  const HostError = Error;

  const fileOf = (callSite: unknown): unknown => {
    try {
      return Reflect.apply(getFileName, callSite, []);
    } catch {
      return undefined;
    }
  };
  const inContext = (file: unknown): boolean =>
    file === undefined || file === null || file === '' || (typeof file === 'string' && (file.startsWith(`${APP_SCRIPT_FOLDER}/`) || file.startsWith(SANDBOX_SCRIPT_PREFIX)));
  const text = (run: () => unknown, fallback: string): string => {
    try {
      return String(run());
    } catch {
      return fallback;
    }
  };

  Error.prepareStackTrace = (error: unknown, sites: NodeJS.CallSite[]): string => {
    const foreign = !(error instanceof HostError);
    let frames = sites;
    if (foreign) {
      frames = [];
      let last = -1;
      for (const callSite of sites) {
        const file = fileOf(callSite);
        if (!inContext(file)) continue;
        frames.push(callSite);
        if (typeof file === 'string' && file !== '') last = frames.length - 1;
      }
      frames.length = last + 1;
    }
    const head = text(() => Reflect.apply(errorToString, error, []), '<error>');
    return frames.reduce((out, callSite) => `${out}\n    at ${text(() => Reflect.apply(siteToString, callSite, []), '<anonymous>')}`, head);
  };
}
