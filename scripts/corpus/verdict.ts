/** How one entry point fared: as it would on the platform, failed because of Anvil, or not runnable here at all. */
export type Outcome = 'ran' | 'anvil' | 'cannot run locally';

/** What happened when the corpus invoked one entry point. */
export interface Attempt {
  /** `ok`, `error`, `timeout`, `crashed` from the runner; `refused` when Anvil would not start it. */
  status: 'ok' | 'error' | 'timeout' | 'crashed' | 'stopped' | 'refused';
  /** The invocation's error, or why Anvil refused to run it. */
  error: string | null;
  /** Error-level log lines: an app that catches an error and logs it still shows what went wrong. */
  errorLogs: string[];
  /** Calls that got no real answer (product calls without a fixture, refused calls), as `METHOD target (why)`. */
  refusedCalls: string[];
  /** For a web trigger, the HTTP status the caller got. */
  httpStatus?: number;
  /** What it returned, shortened, for the person who checks the row. */
  result?: string;
}

export interface Verdict {
  outcome: Outcome;
  cause: string;
  /** The verdict comes from a person who read the error and the app's code, not from the rules below. */
  judged?: boolean;
}

/** A person's verdict for one failure, kept while the failure's text still contains `match`. */
export interface Judgement {
  app: string;
  /** The entry point's label, or `*` for every entry point of the app that fails this way. */
  entry: string;
  match: string;
  outcome: Outcome;
  cause: string;
}

// Globals of Node or of the platform's runtime that app code may use without importing them: when one
// is missing, the sandbox lacks it, not the app.
const RUNTIME_GLOBALS = new Set([
  'Buffer',
  'process',
  'global',
  'globalThis',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'structuredClone',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
  'fetch',
  'Headers',
  'Request',
  'Response',
  'FormData',
  'Blob',
  'File',
  'AbortController',
  'AbortSignal',
  'atob',
  'btoa',
  'crypto',
  'performance',
  'Event',
  'EventTarget',
  'MessageChannel',
  'BroadcastChannel',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'WebAssembly',
  'navigator',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'Intl',
  'WeakRef',
  'DOMException',
]);

// Anvil's own words when something it should serve is missing, and Node's when a module is.
const ANVIL_GAPS: { pattern: RegExp; cause: (match: RegExpMatchArray) => string }[] = [
  { pattern: /Anvil does not provide the platform API (\S+ \S+)/, cause: (m) => `platform API ${m[1]} is not served locally` },
  { pattern: /Cannot find module '([^']+)'/, cause: (m) => `module ${m[1]} is missing in the sandbox` },
  {
    pattern: /Resolver key "[^"]+" cannot run: (no module's resolver function defines[^;]*could not be read)/,
    cause: () => 'Anvil could not learn which resolver function defines the key (loading the function failed)',
  },
  { pattern: /No such built-in module:? ?'?([\w:/.-]+)/, cause: (m) => `Node module ${m[1]} is missing in the sandbox` },
  { pattern: /\b([\w.]+) is not (?:supported|available) in (?:Anvil|the sandbox|the local runner)/i, cause: (m) => `${m[1]} is not available in the sandbox` },
  { pattern: /needs Node's (\w+) module, which Anvil's local runner does not provide/, cause: (m) => `Node module ${m[1]} is not provided by the sandbox` },
  { pattern: /The "([\w-]+)" encoding is not supported/, cause: (m) => `the sandbox's TextDecoder lacks the ${m[1]} encoding Node has` },
  { pattern: /ERR_ACCESS_DENIED/, cause: () => 'the sandbox denied access (Node permission model)' },
];

/** The verdict the rules give from the error text; a person checks every `anvil` and unclear one. */
export function verdictOf(attempt: Attempt): Verdict {
  if (attempt.status === 'refused') return refusedVerdict(attempt.error ?? '');
  // Anvil's own word that the platform would not run this code today (the retired sandbox runtime).
  const retired = /RetiredRuntimeError: (.+)/.exec(attempt.error ?? '');
  if (retired) return { outcome: 'cannot run locally', cause: firstLine(retired[1]!.split(/\. Upgrade /)[0]!) };
  const texts = [attempt.error ?? '', ...attempt.errorLogs];
  for (const text of texts) {
    const gap = anvilGap(text);
    if (gap) return { outcome: 'anvil', cause: text === attempt.error ? gap : `${gap} (the app caught it and logged it)` };
  }
  if (attempt.status === 'ok') return { outcome: 'ran', cause: okCause(attempt) };
  if (attempt.status === 'error') {
    const first = firstLine(attempt.error ?? 'threw');
    if (/REQUEST_EGRESS_ALLOWLIST_ERR/.test(attempt.error ?? '')) return { outcome: 'ran', cause: `threw: the manifest does not allow the host it fetches (${first})` };
    return { outcome: 'ran', cause: `threw: ${first}${attempt.refusedCalls.length > 0 ? `; unanswered: ${attempt.refusedCalls[0]}` : ''}` };
  }
  return { outcome: 'anvil', cause: `${attempt.status}: ${firstLine(attempt.error ?? '')}` };
}

/** The judgement for this failure, if a person gave one and the failure still reads the same. */
export function judged(verdict: Verdict, attempt: Attempt, app: string, entry: string, judgements: readonly Judgement[]): Verdict {
  const text = [attempt.error ?? '', ...attempt.errorLogs, verdict.cause].join('\n');
  const judgement = judgements.find((candidate) => candidate.app === app && (candidate.entry === entry || candidate.entry === '*') && text.includes(candidate.match));
  return judgement ? { outcome: judgement.outcome, cause: judgement.cause, judged: true } : verdict;
}

function anvilGap(text: string): string | null {
  // A Forge package that breaks inside itself (not on the app's arguments) found the host it expects
  // missing something: the sandbox's side of the contract, not the app.
  const inside = /^(TypeError|ReferenceError): (.+)\n\s+at [^\n]*?(node_modules\/@forge\/[\w-]+)\//.exec(text);
  if (inside) return `${inside[3]!.replace('node_modules/', '')} fails inside itself: ${inside[1]}: ${inside[2]}`;
  const missingGlobal = /ReferenceError: (\w+) is not defined/.exec(text) ?? /^(\w+) is not defined/m.exec(text);
  if (missingGlobal && RUNTIME_GLOBALS.has(missingGlobal[1]!)) return `global ${missingGlobal[1]} is missing in the sandbox`;
  for (const gap of ANVIL_GAPS) {
    const match = gap.pattern.exec(text);
    if (match) return gap.cause(match);
  }
  return null;
}

function refusedVerdict(error: string): Verdict {
  if (/cannot run locally|runs remotely|\(endpoints run remotely\)/i.test(error)) return { outcome: 'cannot run locally', cause: firstLine(error) };
  if (/does not build/.test(error)) return { outcome: 'anvil', cause: `bundling: ${firstLine(error.replace(/^The app does not build:\s*/, ''))}` };
  return { outcome: 'anvil', cause: `refused to run: ${firstLine(error)}` };
}

function okCause(attempt: Attempt): string {
  const parts = ['returned'];
  if (attempt.httpStatus !== undefined) parts.push(`HTTP ${attempt.httpStatus}`);
  if (attempt.refusedCalls.length > 0) parts.push(`unanswered: ${attempt.refusedCalls[0]}${attempt.refusedCalls.length > 1 ? ` (+${attempt.refusedCalls.length - 1})` : ''}`);
  return parts.join('; ');
}

/** The first line of an error, short enough for a table cell. */
export function firstLine(text: string): string {
  const line =
    text
      .split('\n')
      .map((part) => part.trim())
      .find(Boolean) ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
