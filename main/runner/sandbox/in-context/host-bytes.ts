/**
 * In-context source: bytes that go to the host and back as latin1 text (one char per byte), for the
 * zlib and crypto modules, and Node-style argument errors. The host answers with 'o' + bytes or
 * 'e' + JSON of an error (see native-ops.ts); both become values of this realm here.
 */

/** Shares k.latin1OfBytes, k.hostBytes, k.hostJson, k.received and k.argError. */
export const HOST_BYTES_SOURCE = String.raw`function installHostBytes(k) {
  const fromCharCode = String.fromCharCode;
  const apply = Reflect.apply;
  const parseJson = JSON.parse;
  const CHUNK = 8192;
  const ERRORS = { Error, TypeError, RangeError, SyntaxError };

  k.latin1OfBytes = function (bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += CHUNK) s += apply(fromCharCode, null, bytes.subarray(i, i + CHUNK));
    return s;
  };
  k.newError = function (name, message, code) {
    const Ctor = Object.prototype.hasOwnProperty.call(ERRORS, name) ? ERRORS[name] : Error;
    const e = new Ctor(String(message));
    if (Ctor === Error && name !== 'Error') Object.defineProperty(e, 'name', { value: String(name), writable: true, configurable: true, enumerable: false });
    if (code !== undefined) e.code = String(code);
    return e;
  };
  // Returns a Buffer of this realm, or throws the host's error rebuilt in this realm.
  k.hostBytes = function (op, a, b, c) {
    const answer = k.host(op, a, b, c);
    if (typeof answer !== 'string' || answer === '') throw k.newError('Error', 'Anvil runner: this invocation has already ended');
    if (answer.charAt(0) === 'o') {
      const out = new k.Buffer(answer.length - 1);
      for (let i = 1; i < answer.length; i++) out[i - 1] = answer.charCodeAt(i);
      return out;
    }
    const parts = parseJson(answer.slice(1));
    const e = k.newError(parts.name, parts.message, parts.code);
    if (typeof parts.errno === 'number') e.errno = parts.errno;
    throw e;
  };
  // For answers that are JSON ('j'): the parsed value (strings, numbers, booleans, arrays, plain objects of this realm).
  k.hostJson = function (op, a, b, c) {
    const answer = k.host(op, a, b, c);
    if (typeof answer !== 'string' || answer === '') throw k.newError('Error', 'Anvil runner: this invocation has already ended');
    if (answer.charAt(0) === 'j') return parseJson(answer.slice(1));
    if (answer.charAt(0) === 'o') return answer.slice(1);
    const parts = parseJson(answer.slice(1));
    const e = k.newError(parts.name, parts.message, parts.code);
    if (typeof parts.errno === 'number') e.errno = parts.errno;
    throw e;
  };
  // How Node's ERR_INVALID_ARG_TYPE messages describe the value they got.
  k.received = function (value) {
    if (value === null || value === undefined) return ' Received ' + value;
    if (typeof value === 'function') return ' Received function ' + (value.name || '<anonymous>');
    if (typeof value === 'object') {
      const ctor = value.constructor;
      return ctor && typeof ctor.name === 'string' && ctor.name ? ' Received an instance of ' + ctor.name : ' Received ' + k.inspect(value);
    }
    let shown = k.inspect(value);
    if (shown.length > 28) shown = shown.slice(0, 25) + '...';
    return ' Received type ' + typeof value + ' (' + shown + ')';
  };
  k.argError = function (name, expected, value, property) {
    return k.newError('TypeError', 'The "' + name + '" ' + (property ? 'property' : 'argument') + ' must be ' + expected + '.' + k.received(value), 'ERR_INVALID_ARG_TYPE');
  };
}`;
