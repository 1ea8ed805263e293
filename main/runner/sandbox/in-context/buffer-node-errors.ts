/**
 * In-context piece: the argument checks Node's Buffer makes and the buffer package words
 * differently — reads outside the buffer (`ERR_OUT_OF_RANGE` naming the allowed offsets, or
 * `ERR_BUFFER_OUT_OF_BOUNDS` when the buffer is too short for the read at all), offsets that are
 * not numbers, `Buffer.from` of a value it cannot take (`ERR_INVALID_ARG_TYPE`), and what
 * `indexOf`/`lastIndexOf`/`includes` answer for an empty needle. Apps and SDKs branch on these
 * codes. The encoding piece (encoding.ts) applies it to the package's Buffer when it builds it. Runs
 * as text inside the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

/** A method of the buffer package's Buffer, called on whatever `this` it is given. */
type BufferMethod = (this: unknown, ...args: unknown[]) => unknown;

/** A buffer as the checks read it: its length and its bytes by index. */
interface Bytes {
  length: number;
  [index: number]: unknown;
}

declare module './kernel' {
  interface Kernel {
    /** Puts Node's argument checks in front of the buffer package's methods (on this Buffer class). */
    teachBufferNodeErrors(Buffer: BufferConstructor): void;
  }
}

/** Shares k.teachBufferNodeErrors. */
export function installBufferNodeErrors(k: Kernel): void {
  k.teachBufferNodeErrors = function teachBufferNodeErrors(BufferClass) {
    const Buffer = BufferClass as unknown as { from: BufferMethod; prototype: Record<string, unknown> };
    const proto = Buffer.prototype;

    // Node writes large integers with separators: 1_099_511_627_776.
    function withSeparators(text: string): string {
      let out = '';
      let i = text.length;
      const start = text.charAt(0) === '-' ? 1 : 0;
      for (; i >= start + 4; i -= 3) out = '_' + text.slice(i - 3, i) + out;
      return text.slice(0, i) + out;
    }
    function outOfRange(name: string, range: string, value: unknown) {
      const shown = Number.isInteger(value) && Math.abs(value as number) > 2 ** 32 ? withSeparators(String(value)) : k.inspect(value);
      return k.newError('RangeError', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + shown, 'ERR_OUT_OF_RANGE');
    }
    // Node's boundsError: what a read that does not fit reports.
    function boundsError(value: unknown, length: number, name?: string) {
      if (Math.floor(value as number) !== value) {
        if (typeof value !== 'number') return k.argError(name || 'offset', 'of type number', value);
        return outOfRange(name || 'offset', 'an integer', value);
      }
      if (length < 0) return k.newError('RangeError', 'Attempt to access memory outside buffer bounds', 'ERR_BUFFER_OUT_OF_BOUNDS');
      return outOfRange(name || 'offset', '>= ' + (name ? 1 : 0) + ' and <= ' + length, value);
    }
    function checkRead(buffer: Bytes, offset: unknown, size: number): void {
      if (typeof offset !== 'number') throw k.argError('offset', 'of type number', offset);
      if (buffer[offset] === undefined || buffer[offset + size - 1] === undefined) throw boundsError(offset, buffer.length - size);
    }

    const FIXED: Record<string, number> = { UInt8: 1, Int8: 1, UInt16: 2, Int16: 2, UInt32: 4, Int32: 4, Float: 4, Double: 8, BigUInt64: 8, BigInt64: 8 };
    for (const type of Object.keys(FIXED)) {
      const size = FIXED[type] as number;
      for (const order of size === 1 ? [''] : ['LE', 'BE']) {
        const name = 'read' + type + order;
        const read = proto[name];
        if (typeof read !== 'function') continue;
        const checked = {
          [name](this: Bytes, offset: unknown) {
            const at = offset === undefined ? 0 : offset;
            checkRead(this, at, size);
            return read.call(this, at) as unknown;
          },
        }[name];
        proto[name] = checked;
        // The lower-case aliases (readUint32LE, readBigUint64BE) are the same functions, as in Node.
        const alias = name.replace('UInt', 'Uint');
        if (alias !== name && Object.prototype.hasOwnProperty.call(proto, alias)) proto[alias] = checked;
      }
    }
    for (const name of ['readUIntLE', 'readUIntBE', 'readIntLE', 'readIntBE']) {
      const read = proto[name] as BufferMethod;
      const checked = {
        [name](this: Bytes, offset: unknown, byteLength: unknown) {
          if (offset === undefined) throw k.argError('offset', 'of type number', offset);
          if (byteLength !== 1 && byteLength !== 2 && byteLength !== 3 && byteLength !== 4 && byteLength !== 5 && byteLength !== 6) throw boundsError(byteLength, 6, 'byteLength');
          checkRead(this, offset, byteLength);
          return read.call(this, offset, byteLength);
        },
      }[name];
      proto[name] = checked;
      const alias = name.replace('UInt', 'Uint');
      if (alias !== name && Object.prototype.hasOwnProperty.call(proto, alias)) proto[alias] = checked;
    }

    const packageFrom = Buffer.from;
    const firstArgumentError = (value: unknown) =>
      k.newError('TypeError', 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.' + k.received(value), 'ERR_INVALID_ARG_TYPE');
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
    function emptyNeedle(value: unknown): boolean {
      if (typeof value === 'string') return value.length === 0;
      return value !== null && typeof value === 'object' && ArrayBuffer.isView(value) && value.byteLength === 0;
    }
    function emptyNeedleIndex(buffer: Bytes, byteOffset: unknown, forward: boolean): number {
      let offset = typeof byteOffset === 'string' ? NaN : (byteOffset as number) > 0x7fffffff ? 0x7fffffff : (byteOffset as number) < -0x80000000 ? -0x80000000 : +(byteOffset as number);
      if (offset !== offset) offset = forward ? 0 : buffer.length;
      offset = Math.trunc(offset);
      if (offset < 0) return offset + buffer.length >= 0 ? buffer.length + offset : 0;
      return offset <= buffer.length ? offset : buffer.length;
    }
    for (const [name, forward] of [
      ['indexOf', true],
      ['lastIndexOf', false],
    ] as const) {
      const search = proto[name] as BufferMethod;
      proto[name] = {
        [name](this: Bytes, value: unknown, byteOffset: unknown, encoding: unknown) {
          if (emptyNeedle(value)) return emptyNeedleIndex(this, byteOffset, forward);
          return search.call(this, value, byteOffset, encoding);
        },
      }[name];
    }
    proto.includes = function includes(this: { indexOf(value: unknown, byteOffset: unknown, encoding: unknown): number }, value: unknown, byteOffset: unknown, encoding: unknown) {
      return this.indexOf(value, byteOffset, encoding) !== -1;
    };
  };
}
