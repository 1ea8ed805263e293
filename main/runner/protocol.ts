/**
 * Messages between the runner host (in the core) and the runner child process that runs app code.
 * Only JSON crosses: the child never receives credentials, file handles or host objects, and every
 * product call, fetch and storage operation app code makes comes back to the host as a message.
 */

/** Host → child: run one function invocation in a fresh context. */
export interface InvokeMessage {
  type: 'invoke';
  invocationId: string;
  /** Absolute path of the app bundle (CommonJS, built by the host with esbuild). The child may read only this folder. */
  bundlePath: string;
  /** Export of the bundle to call, e.g. `handler` for `index.handler`. */
  exportName: string;
  /** JSON of the first argument (the payload; for a resolver, `{call:{functionKey,payload}, context}`). */
  payloadJson: string;
  /** JSON of the second argument (the backend context: installContext, principal, installation, …). */
  contextJson: string;
  /** JSON of `__forge_runtime__.appContext` (appId, environmentId, environmentType, invocationId, installationId, functionKey, moduleKey, …). */
  appContextJson: string;
  /**
   * JSON of `__forge_runtime__.externalAuth`: the OAuth providers the function declares, with their
   * remotes and the connected accounts (id, display name, scopes). Never a token: the host attaches it.
   */
  externalAuthJson: string;
  /** The environment's variables, as app code sees them in `process.env` (never Anvil's own environment). */
  env: Record<string, string>;
  /** Milliseconds the invocation may run; `getRemainingTimeInMillis` counts down from it. The host enforces it too. */
  timeoutMs: number;
  /** The function's memory limit: heap and array buffers together may not exceed it. */
  memoryMB: number;
}

/**
 * Host → child: are you idle? Sent before an invocation (and after one ends). A child that does not
 * answer is running code no invocation watches, and is replaced.
 */
export interface PingMessage {
  type: 'ping';
  id: number;
}

/** Child → host: the answer to a ping; the child's event loop is free. */
export interface PongMessage {
  type: 'pong';
  id: number;
}

/** Host → child: the answer to one of the child's calls. */
export interface ReplyMessage {
  type: 'reply';
  callId: number;
  /** For product and fetch calls: an HTTP response. For storage: `{ value }` as JSON text in `body`. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** 'base64' when `body` is the base64 of bytes that are not UTF-8 text (an image, a zip). */
  bodyEncoding?: 'base64';
}

/** Child → host: app code asks for something only the host may do. */
export interface CallMessage {
  type: 'call';
  invocationId: string;
  callId: number;
  kind: 'product' | 'fetch' | 'storage';
  /**
   * product: the first argument of `__forge_fetch__` ({type:'fpp', provider, remote, …}) and the path and init.
   * fetch: the URL and init of a plain `fetch` / `api.fetch` (egress).
   * storage: a KVS call ({path: '/api/v1/get', body}) as @forge/kvs sends it.
   */
  request: { meta?: Record<string, unknown>; url: string; method: string; headers: Record<string, string>; body: string | null; bodyEncoding?: 'base64' };
}

/** Child → host: one console line from app code. */
export interface LogMessage {
  type: 'log';
  invocationId: string;
  level: 'debug' | 'info' | 'log' | 'warn' | 'error';
  message: string;
}

/** Child → host: the invocation finished. */
export type DoneMessage =
  | { type: 'done'; invocationId: string; ok: true; resultJson: string; memoryBytes: number }
  | { type: 'done'; invocationId: string; ok: false; error: { name: string; message: string; stack: string | null }; memoryBytes: number };

/** Child → host once, after start-up: it is ready for invocations. */
export interface ReadyMessage {
  type: 'ready';
}

/** Host → child: report what this process may do (permission model, file reads, processes, environment). */
export interface ProbeMessage {
  type: 'probe';
  id: number;
  /** A file the child must not be able to read. */
  file: string;
}

/** Child → host: what the process may do; each attempt is 'allowed' or the error code it met. */
export interface ProbeResultMessage {
  type: 'probe-result';
  id: number;
  permissionModel: boolean;
  mayRead: boolean;
  mayStartProcesses: boolean;
  read: string;
  spawn: string;
  environment: string[];
}

export type HostToChild = InvokeMessage | ReplyMessage | PingMessage | ProbeMessage;
export type ChildToHost = CallMessage | LogMessage | DoneMessage | ReadyMessage | PongMessage | ProbeResultMessage;
