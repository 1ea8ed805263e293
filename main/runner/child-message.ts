import {
  anything,
  boolean,
  integer,
  list,
  literal,
  nullable,
  number,
  object,
  oneOf,
  optional,
  recordOf,
  required,
  string,
  tagged,
  validate,
  type Check,
  type Infer,
  type Validated,
} from '../contract';
import type { ChildToHost } from './protocol';

/*
 * The runner child is Anvil's own script, but app code runs in that process: were it ever to get out
 * of its context, the IPC channel would carry whatever it sends. Every message is checked against the
 * protocol before the host reads it, so a message of another shape ends that runner with a clear
 * status instead of a TypeError, or a wrong value, in the workbench.
 */

const ANY_LENGTH = Number.POSITIVE_INFINITY;
const id = integer(0, Number.MAX_SAFE_INTEGER);
const call = object({
  type: required(literal('call')),
  invocationId: required(string()),
  callId: required(id),
  kind: required(oneOf(['product', 'fetch', 'storage'])),
  request: required(
    object({
      meta: optional(recordOf(anything)),
      url: required(string()),
      method: required(string()),
      headers: required(recordOf(string())),
      body: required(nullable(string())),
      bodyEncoding: optional(literal('base64')),
    }),
  ),
});
const log = object({ type: required(literal('log')), invocationId: required(string()), level: required(oneOf(['debug', 'info', 'log', 'warn', 'error'])), message: required(string()) });
const doneOk = object({ type: required(literal('done')), invocationId: required(string()), ok: required(literal(true)), resultJson: required(string()), memoryBytes: required(number) });
const doneFailed = object({
  type: required(literal('done')),
  invocationId: required(string()),
  ok: required(literal(false)),
  error: required(object({ name: required(string()), message: required(string()), stack: required(nullable(string())) })),
  memoryBytes: required(number),
});
/** A finished invocation: its result, or its error, told apart by `ok`. */
const done: Check<Infer<typeof doneOk> | Infer<typeof doneFailed>> = (value, path) =>
  typeof value === 'object' && value !== null && 'ok' in value && value.ok === true ? doneOk(value, path) : doneFailed(value, path);
const probeResult = object({
  type: required(literal('probe-result')),
  id: required(id),
  permissionModel: required(boolean),
  mayRead: required(boolean),
  mayStartProcesses: required(boolean),
  read: required(string()),
  spawn: required(string()),
  environment: required(list(string(), ANY_LENGTH)),
});
const childToHost = tagged(
  { call, log, done, ready: object({ type: required(literal('ready')) }), pong: object({ type: required(literal('pong')), id: required(id) }), 'probe-result': probeResult },
  'type',
);

// The check lets through exactly the protocol's messages: a field added to one and not the other does not compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checkMatchesProtocol: Same<Infer<typeof childToHost>, ChildToHost> = true;
void checkMatchesProtocol;

/** A message from the runner child, checked against the protocol; the problem names the field. */
export function childMessage(value: unknown): Validated<ChildToHost> {
  return validate(value, childToHost);
}
