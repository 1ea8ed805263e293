/**
 * The kernel `k`: the one object the in-context pieces share. The bootstrap's core creates it inside
 * the context (a null-prototype object of the context's realm) and hands it to each piece's
 * installer; it is never reachable from app code.
 *
 * The core defines the members below. A piece that adds a member for other pieces declares it where
 * it is defined, by augmenting this interface:
 *
 *     declare module './kernel' { interface Kernel { fireTimer(id: number): void } }
 *
 * The pieces are written as ordinary typed functions (checked by the compiler and the linter), but
 * they never run in this process: the bootstrap takes their text (`../in-context-source.ts`) and evaluates
 * it inside each sandbox context, where every global they name (Map, Promise, Error…) is the
 * context's own. So an installer must be self-contained: it may import types only, and name no
 * module-level value; `scripts/lint-boundaries.mjs` refuses any other import in this folder, and
 * a free name would fail every sandbox test at install.
 */

/** What crosses the membrane: primitives only, in and out. */
export type HostValue = string | number | boolean | null | undefined;

/** Process-wide settings, parsed from JSON once per context. */
export interface SandboxSettings {
  nodeVersion: string;
  builtinModules: readonly string[];
  /** The file-name prefix of every script of Anvil's own in the context (app-script-name.ts). */
  scriptPrefix: string;
}

/** The host's `nodeFacts` answer (native-ops.ts): what the running Node reports about crypto and zlib. */
export interface NodeFacts {
  ciphers: string[];
  cipherInfo: Record<string, { name: string; nid: number; blockSize?: number; ivLength?: number; keyLength: number; mode: string }>;
  curves: string[];
  hashes: string[];
  cryptoConstants: Record<string, number>;
  zlibConstants: Record<string, number>;
}

/** The invocation's own settings, parsed from JSON when the context begins. */
export interface InvocationConfig {
  invocationId: string;
  exportName: string;
  filename: string;
  dirname: string;
  payloadJson: string;
  contextJson: string;
  appContextJson: string;
  externalAuthJson: string;
  env: Record<string, string>;
  timeoutMs: number;
  deadline: number;
  traceId: string;
  spanId: string;
}

/** An error of the context's realm that may carry a Node-style code. */
export type CodedError = Error & { code?: string };

export interface Kernel {
  /** The one host function; whatever it throws is replaced by an error of the context's realm. */
  host(op: string, a?: HostValue, b?: HostValue, c?: HostValue): HostValue;
  settings: SandboxSettings;
  /** Null until the context begins an invocation. */
  config: InvocationConfig | null;
  onBegin(hook: (config: InvocationConfig) => void): void;
  /** Work that may run ahead, while the context is idle and no app code has run in it. */
  whenIdle(work: () => void): void;
  /** Builds a piece when app code first touches one of its globals or shared kernel members. */
  lazy(globals: readonly string[], shared: readonly string[], build: () => void): void;
  /** Defines a global as Node does: writable, configurable, not enumerable. */
  define(name: string, value: unknown): void;
  makeError(name: string, message: unknown, code?: string): CodedError;
  /** name, message and stack of anything thrown, without running app code that could throw again. */
  errorParts(e: unknown): [string, string, string];
  reportUncaught(e: unknown): void;
}

/** A piece's installer: called once with the kernel, inside the context. */
export type Installer = (k: Kernel) => void;
