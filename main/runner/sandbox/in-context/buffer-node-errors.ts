/**
 * In-context source: the argument checks Node's Buffer makes and the buffer package words
 * differently — reads outside the buffer (`ERR_OUT_OF_RANGE` naming the allowed offsets, or
 * `ERR_BUFFER_OUT_OF_BOUNDS` when the buffer is too short for the read at all), offsets that are
 * not numbers, `Buffer.from` of a value it cannot take (`ERR_INVALID_ARG_TYPE`), and what
 * `indexOf`/`lastIndexOf`/`includes` answer for an empty needle. Apps and SDKs branch on these codes.
 */

/** A function of (k, Buffer) that puts Node's checks in front of the package's methods. */
export const BUFFER_NODE_ERRORS_SOURCE = String.raw`function teachBufferNodeErrors(k, Buffer) {
  const proto = Buffer.prototype;

  // Node writes large integers with separators: 1_099_511_627_776.
  function withSeparators(text) {
    let out = '';
    let i = text.length;
    const start = text.charAt(0) === '-' ? 1 : 0;
    for (; i >= start + 4; i -= 3) out = '_' + text.slice(i - 3, i) + out;
    return text.slice(0, i) + out;
  }
  function outOfRange(name, range, value) {
    const shown = Number.isInteger(value) && Math.abs(value) > 2 ** 32 ? withSeparators(String(value)) : k.inspect(value);
    return k.newError('RangeError', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + shown, 'ERR_OUT_OF_RANGE');
  }
  // Node's boundsError: what a read that does not fit reports.
  function boundsError(value, length, name) {
    if (Math.floor(value) !== value) {
      if (typeof value !== 'number') return k.argError(name || 'offset', 'of type number', value);
      return outOfRange(name || 'offset', 'an integer', value);
    }
    if (length < 0) return k.newError('RangeError', 'Attempt to access memory outside buffer bounds', 'ERR_BUFFER_OUT_OF_BOUNDS');
    return outOfRange(name || 'offset', '>= ' + (name ? 1 : 0) + ' and <= ' + length, value);
  }
  function checkRead(buffer, offset, size) {
    if (typeof offset !== 'number') throw k.argError('offset', 'of type number', offset);
    if (buffer[offset] === undefined || buffer[offset + size - 1] === undefined) throw boundsError(offset, buffer.length - size);
  }

  const FIXED = { UInt8: 1, Int8: 1, UInt16: 2, Int16: 2, UInt32: 4, Int32: 4, Float: 4, Double: 8, BigUInt64: 8, BigInt64: 8 };
  for (const type of Object.keys(FIXED)) {
    const size = FIXED[type];
    for (const order of size === 1 ? [''] : ['LE', 'BE']) {
      const name = 'read' + type + order;
      const read = proto[name];
      if (typeof read !== 'function') continue;
      const checked = { [name](offset) {
        const at = offset === undefined ? 0 : offset;
        checkRead(this, at, size);
        return read.call(this, at);
      } }[name];
      proto[name] = checked;
      // The lower-case aliases (readUint32LE, readBigUint64BE) are the same functions, as in Node.
      const alias = name.replace('UInt', 'Uint');
      if (alias !== name && Object.prototype.hasOwnProperty.call(proto, alias)) proto[alias] = checked;
    }
  }
  for (const name of ['readUIntLE', 'readUIntBE', 'readIntLE', 'readIntBE']) {
    const read = proto[name];
    const checked = { [name](offset, byteLength) {
      if (offset === undefined) throw k.argError('offset', 'of type number', offset);
      if (byteLength !== 1 && byteLength !== 2 && byteLength !== 3 && byteLength !== 4 && byteLength !== 5 && byteLength !== 6) throw boundsError(byteLength, 6, 'byteLength');
      checkRead(this, offset, byteLength);
      return read.call(this, offset, byteLength);
    } }[name];
    proto[name] = checked;
    const alias = name.replace('UInt', 'Uint');
    if (alias !== name && Object.prototype.hasOwnProperty.call(proto, alias)) proto[alias] = checked;
  }

  const packageFrom = Buffer.from;
  const firstArgumentError = (value) => k.newError('TypeError', 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.' + k.received(value), 'ERR_INVALID_ARG_TYPE');
  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value !== 'string' && (value === null || typeof value !== 'object')) throw firstArgumentError(value);
    try {
      return packageFrom.call(this, value, encodingOrOffset, length);
    } catch (e) {
      if (e instanceof TypeError && /^The first argument must be/.test(e.message)) throw firstArgumentError(value);
      throw e;
    }
  };

  // An empty needle is found where the search starts, clamped to the buffer (Node's IndexOfOffset).
  function emptyNeedle(value) {
    if (typeof value === 'string') return value.length === 0;
    return value !== null && typeof value === 'object' && ArrayBuffer.isView(value) && value.byteLength === 0;
  }
  function emptyNeedleIndex(buffer, byteOffset, forward) {
    let offset = typeof byteOffset === 'string' ? NaN : byteOffset > 0x7fffffff ? 0x7fffffff : byteOffset < -0x80000000 ? -0x80000000 : +byteOffset;
    if (offset !== offset) offset = forward ? 0 : buffer.length;
    offset = Math.trunc(offset);
    if (offset < 0) return offset + buffer.length >= 0 ? buffer.length + offset : 0;
    return offset <= buffer.length ? offset : buffer.length;
  }
  for (const [name, forward] of [['indexOf', true], ['lastIndexOf', false]]) {
    const search = proto[name];
    proto[name] = { [name](value, byteOffset, encoding) {
      if (emptyNeedle(value)) return emptyNeedleIndex(this, byteOffset, forward);
      return search.call(this, value, byteOffset, encoding);
    } }[name];
  }
  proto.includes = function includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; };
}`;
