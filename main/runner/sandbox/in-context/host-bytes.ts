/**
 * In-context piece: bytes that go to the host and back as latin1 text (one char per byte), for the
 * zlib and crypto modules, Node-style argument errors, and what the running Node reports about its
 * crypto and zlib. The host answers with 'o' + bytes, 'j' + JSON, or 'e' + JSON of an error (see
 * native-ops.ts); each becomes a value of this realm here. Runs as text inside the context: see
 * kernel.ts.
 */
import type { CodedError, HostValue, Kernel, NodeFacts } from './kernel';

/** An error as the host describes it ('e' + JSON). */
interface HostError {
  name: string;
  message: string;
  code?: string;
  errno?: unknown;
}

/** An error rebuilt from the host's description, with Node's errno when it had one. */
type HostRaisedError = CodedError & { errno?: number };

declare module './kernel' {
  interface Kernel {
    /** Latin1 text of bytes: one char per byte, the form bytes take across the membrane. */
    latin1OfBytes(bytes: Uint8Array): string;
    /** An Error, TypeError, RangeError or SyntaxError of this realm (any other name on an Error), with an optional code. */
    newError(name: string, message: unknown, code?: unknown): CodedError;
    /** The host's bytes ('o') as a Buffer of this realm, or its error ('e') thrown in this realm. */
    hostBytes(op: string, a?: HostValue, b?: HostValue, c?: HostValue): Buffer;
    /** The host's JSON answer ('j') parsed in this realm (a bare 'o' answer as its text), or its error thrown. */
    hostJson(op: string, a?: HostValue, b?: HostValue, c?: HostValue): unknown;
    /** What the running Node reports about crypto and zlib, asked of the host once per context, on first need. */
    nodeFacts(): NodeFacts;
    /** How Node's ERR_INVALID_ARG_TYPE messages describe the value they got (' Received …'). */
    received(value: unknown): string;
    /** Node's ERR_INVALID_ARG_TYPE error for an argument (or, with property, a property). */
    argError(name: string, expected: string, value: unknown, property?: boolean): CodedError;
  }
}

/** Shares k.latin1OfBytes, k.newError, k.hostBytes, k.hostJson, k.nodeFacts, k.received and k.argError. */
export function installHostBytes(k: Kernel): void {
  const fromCharCode = String.fromCharCode;
  const apply = Reflect.apply;
  const parseJson = JSON.parse;
  const CHUNK = 8192;
  const ERRORS: Record<string, ErrorConstructor> = { Error, TypeError, RangeError, SyntaxError };

  k.latin1OfBytes = function (bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += CHUNK) s += apply(fromCharCode, null, bytes.subarray(i, i + CHUNK)) as string;
    return s;
  };
  k.newError = function (name, message, code) {
    const Ctor = Object.prototype.hasOwnProperty.call(ERRORS, name) ? (ERRORS[name] as ErrorConstructor) : Error;
    const e: CodedError = new Ctor(String(message));
    if (Ctor === Error && name !== 'Error') Object.defineProperty(e, 'name', { value: String(name), writable: true, configurable: true, enumerable: false });
    if (code !== undefined) e.code = String(code);
    return e;
  };
  function hostError(answer: string): HostRaisedError {
    const parts = parseJson(answer.slice(1)) as HostError;
    const e: HostRaisedError = k.newError(parts.name, parts.message, parts.code);
    if (typeof parts.errno === 'number') e.errno = parts.errno;
    return e;
  }
  // Returns a Buffer of this realm, or throws the host's error rebuilt in this realm.
  k.hostBytes = function (op, a, b, c) {
    const answer = k.host(op, a, b, c);
    if (typeof answer !== 'string' || answer === '') throw k.newError('Error', 'Anvil runner: this invocation has already ended');
    if (answer.charAt(0) === 'o') {
      const out = new k.Buffer(answer.length - 1);
      for (let i = 1; i < answer.length; i++) out[i - 1] = answer.charCodeAt(i);
      return out;
    }
    throw hostError(answer);
  };
  // For answers that are JSON ('j'): the parsed value (strings, numbers, booleans, arrays, plain objects of this realm).
  k.hostJson = function (op, a, b, c) {
    const answer = k.host(op, a, b, c);
    if (typeof answer !== 'string' || answer === '') throw k.newError('Error', 'Anvil runner: this invocation has already ended');
    if (answer.charAt(0) === 'j') return parseJson(answer.slice(1)) as unknown;
    if (answer.charAt(0) === 'o') return answer.slice(1);
    throw hostError(answer);
  };
  // Asked of the host (not written into the bootstrap) so contexts that never load crypto or zlib
  // do not parse it; the host answers only during an invocation, so this is never part of warming.
  let facts: NodeFacts | null = null;
  k.nodeFacts = function () {
    if (facts === null) facts = k.hostJson('nodeFacts') as NodeFacts;
    return facts;
  };
  // How Node's ERR_INVALID_ARG_TYPE messages describe the value they got.
  k.received = function (value) {
    if (value === null || value === undefined) return ' Received ' + value;
    if (typeof value === 'function') return ' Received function ' + ((value as { name?: unknown }).name || '<anonymous>');
    if (typeof value === 'object') {
      const ctor = (value as { constructor?: { name?: unknown } }).constructor;
      return ctor && typeof ctor.name === 'string' && ctor.name ? ' Received an instance of ' + ctor.name : ' Received ' + k.inspect(value);
    }
    let shown = k.inspect(value);
    if (shown.length > 28) shown = shown.slice(0, 25) + '...';
    return ' Received type ' + typeof value + ' (' + shown + ')';
  };
  k.argError = function (name, expected, value, property) {
    return k.newError('TypeError', 'The "' + name + '" ' + (property ? 'property' : 'argument') + ' must be ' + expected + '.' + k.received(value), 'ERR_INVALID_ARG_TYPE');
  };
}
