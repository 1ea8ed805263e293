/**
 * In-context piece: UTF-8, base64 and `Buffer` (the buffer package's). The real `Buffer`,
 * `TextEncoder` and `TextDecoder` are host objects (a way out of the sandbox), and a context made
 * from `Object.create(null)` has none of them, so they are rebuilt here from the context's own
 * Uint8Array. Runs as text inside the context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

/** A method of the buffer package's Buffer, called on whatever `this` it is given. */
type BufferMethod = (this: unknown, ...args: unknown[]) => unknown;

/** The buffer package's Buffer as this piece reworks it: its statics and prototype, loosely. */
interface PackageBuffer {
  new (size: number): Uint8Array;
  prototype: { [name: string]: unknown; toString: unknown };
  from: BufferMethod;
  byteLength: BufferMethod;
  isEncoding: BufferMethod;
  TYPED_ARRAY_SUPPORT?: unknown;
}

/** How TextDecoder's decode takes its options. */
interface DecodeOptions {
  stream?: unknown;
}

declare module './node-libs' {
  interface NodeLibs {
    /** The buffer package (the `buffer` module's Buffer, SlowBuffer, kMaxLength and INSPECT_MAX_BYTES come from it). */
    buffer: { Buffer: BufferConstructor; SlowBuffer: unknown; kMaxLength: number; INSPECT_MAX_BYTES: number };
  }
}

declare module './kernel' {
  interface Kernel {
    /** UTF-8 bytes of String(input); lone surrogates become U+FFFD. */
    utf8Encode(input: unknown): Uint8Array;
    /** The text of UTF-8 bytes; malformed sequences become U+FFFD. */
    utf8Decode(bytes: Uint8Array): string;
    /** A Uint8Array over the bytes of an ArrayBuffer, SharedArrayBuffer or view (no copy), or null. */
    bytesOf(input: unknown): Uint8Array | null;
    /** The buffer package's Buffer, of this realm. */
    Buffer: BufferConstructor;
  }
}

/** Defines TextEncoder, TextDecoder, atob, btoa and Buffer; shares k.utf8Encode/k.utf8Decode. */
export function installEncoding(k: Kernel): void {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64_INDEX = new Map<string, number>();
  for (let i = 0; i < 64; i++) B64_INDEX.set(B64.charAt(i), i);
  B64_INDEX.set('-', 62);
  B64_INDEX.set('_', 63);

  function utf8Encode(input: unknown): Uint8Array {
    const s = String(input);
    const out: number[] = [];
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return new Uint8Array(out);
  }
  function codePointsToString(points: number[]): string {
    let s = '';
    for (let i = 0; i < points.length; i += 4096) s += String.fromCodePoint.apply(null, points.slice(i, i + 4096));
    return s;
  }
  // WHATWG UTF-8 decode: invalid sequences become U+FFFD (or throw when fatal).
  function utf8Decode(bytes: Uint8Array, fatal: boolean): string {
    const points: number[] = [];
    for (let i = 0; i < bytes.length;) {
      const c = bytes[i]!;
      let cp: number;
      let need: number;
      if (c < 0x80) {
        points.push(c);
        i++;
        continue;
      }
      if (c >= 0xc2 && c < 0xe0) {
        cp = c & 31;
        need = 1;
      } else if (c >= 0xe0 && c < 0xf0) {
        cp = c & 15;
        need = 2;
      } else if (c >= 0xf0 && c < 0xf5) {
        cp = c & 7;
        need = 3;
      } else {
        if (fatal) throw decodeError('utf-8');
        points.push(0xfffd);
        i++;
        continue;
      }
      let lower = 0x80;
      let upper = 0xbf;
      if (c === 0xe0) lower = 0xa0;
      else if (c === 0xed) upper = 0x9f;
      else if (c === 0xf0) lower = 0x90;
      else if (c === 0xf4) upper = 0x8f;
      let j = 1;
      for (; j <= need; j++) {
        const d = bytes[i + j];
        if (d === undefined || d < (j === 1 ? lower : 0x80) || d > (j === 1 ? upper : 0xbf)) break;
        cp = (cp << 6) | (d & 63);
      }
      if (j <= need) {
        if (fatal) throw decodeError('utf-8');
        points.push(0xfffd);
        i += j;
        continue;
      }
      points.push(cp);
      i += need + 1;
    }
    return codePointsToString(points);
  }
  function base64Encode(bytes: Uint8Array, url: boolean): string {
    const alphabet = url ? B64.slice(0, 62) + '-_' : B64;
    let out = '';
    let i = 0;
    for (; i + 2 < bytes.length; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63) + alphabet.charAt((n >> 6) & 63) + alphabet.charAt(n & 63);
    }
    if (i < bytes.length) {
      const n = (bytes[i]! << 16) | ((i + 1 < bytes.length ? bytes[i + 1]! : 0) << 8);
      out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63);
      out += i + 1 < bytes.length ? alphabet.charAt((n >> 6) & 63) : url ? '' : '=';
      out += url ? '' : '=';
    }
    return out;
  }
  // Lenient, like Buffer.from(s, 'base64'): skips characters outside both alphabets, stops at '='.
  function base64Decode(s: string): Uint8Array {
    const out: number[] = [];
    let bits = 0;
    let value = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charAt(i);
      if (ch === '=') break;
      const v = B64_INDEX.get(ch);
      if (v === undefined) continue;
      value = (value << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((value >> bits) & 255);
      }
    }
    return new Uint8Array(out);
  }
  function latin1Encode(s: string, mask: number): Uint8Array {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & mask;
    return out;
  }
  function latin1Decode(bytes: Uint8Array, mask: number): string {
    const points: number[] = [];
    for (let i = 0; i < bytes.length; i++) points.push(bytes[i]! & mask);
    return codePointsToString(points);
  }
  function viewOf(input: unknown): Uint8Array | null {
    if (input instanceof Uint8Array) return input;
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (Object.prototype.toString.call(input) === '[object ArrayBuffer]' || Object.prototype.toString.call(input) === '[object SharedArrayBuffer]') return new Uint8Array(input as ArrayBuffer);
    return null;
  }

  class TextEncoder {
    get encoding() {
      return 'utf-8';
    }
    encode(input?: unknown) {
      return utf8Encode(input === undefined ? '' : input);
    }
    encodeInto(source: unknown, destination: Uint8Array) {
      const bytes = utf8Encode(source);
      let written = 0;
      let read = 0;
      const s = String(source);
      for (let i = 0; i < s.length; i++) {
        const cp = s.codePointAt(i)!;
        const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (written + size > destination.length) break;
        for (let j = 0; j < size; j++) destination[written + j] = bytes[written + j]!;
        written += size;
        read += cp > 0xffff ? 2 : 1;
        if (cp > 0xffff) i++;
      }
      return { read, written };
    }
  }
  // The labels of the WHATWG Encoding standard for what Node decodes without ICU data: UTF-8 and UTF-16LE.
  // Latin-1 labels: named windows-1252 as the Encoding standard says, but decoded byte for byte, as Node does.
  const WINDOWS_1252_LABELS = [
    'ansi_x3.4-1968',
    'ascii',
    'cp1252',
    'cp819',
    'csisolatin1',
    'ibm819',
    'iso-8859-1',
    'iso-ir-100',
    'iso8859-1',
    'iso88591',
    'iso_8859-1',
    'iso_8859-1:1987',
    'l1',
    'latin1',
    'us-ascii',
    'windows-1252',
    'x-cp1252',
  ];
  const UTF16LE_LABELS = ['utf-16le', 'utf-16', 'ucs-2', 'unicode', 'csunicode', 'iso-10646-ucs-2', 'unicodefeff'];
  class TextDecoder {
    #fatal: boolean;
    #ignoreBOM: boolean;
    #encoding: string;
    #pending: Uint8Array | null = null;
    constructor(label?: unknown, options?: { fatal?: unknown; ignoreBOM?: unknown }) {
      const name = label === undefined ? 'utf-8' : String(label).trim().toLowerCase();
      if (UTF16LE_LABELS.includes(name)) this.#encoding = 'utf-16le';
      else if (WINDOWS_1252_LABELS.includes(name)) this.#encoding = 'windows-1252';
      else if (name === 'utf-8' || name === 'utf8' || name === 'unicode-1-1-utf-8') this.#encoding = 'utf-8';
      else {
        const e: CodedError = new RangeError('The "' + String(label) + '" encoding is not supported');
        e.code = 'ERR_ENCODING_NOT_SUPPORTED';
        throw e;
      }
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
    }
    get encoding() {
      return this.#encoding;
    }
    get fatal() {
      return this.#fatal;
    }
    get ignoreBOM() {
      return this.#ignoreBOM;
    }
    #bomSeen = false;
    decode(input?: unknown, options?: DecodeOptions) {
      let bytes = input === undefined || input === null ? new Uint8Array(0) : viewOf(input);
      if (!bytes) throw new TypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView');
      const stream = Boolean(options && options.stream);
      if (this.#pending !== null) {
        const joined = new Uint8Array(this.#pending.length + bytes.length);
        joined.set(this.#pending);
        joined.set(bytes, this.#pending.length);
        bytes = joined;
        this.#pending = null;
      }
      // With stream, bytes of a character not yet complete wait for the next call.
      let end = bytes.length;
      if (stream && this.#encoding !== 'windows-1252') end = this.#encoding === 'utf-8' ? utf8Complete(bytes) : utf16Complete(bytes);
      if (end < bytes.length) this.#pending = bytes.slice(end);
      const whole = end < bytes.length ? bytes.subarray(0, end) : bytes;
      let text = this.#encoding === 'utf-8' ? utf8Decode(whole, this.#fatal) : this.#encoding === 'utf-16le' ? utf16Decode(whole, this.#fatal, !stream) : latin1BytesDecode(whole);
      if (!this.#ignoreBOM && !this.#bomSeen && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        this.#bomSeen = true;
      }
      if (!stream) this.#bomSeen = false;
      return text;
    }
  }
  // Where the bytes stop being whole characters: a lead byte whose continuation has not arrived yet.
  function utf8Complete(bytes: Uint8Array): number {
    for (let back = 1; back <= 3 && back <= bytes.length; back++) {
      const b = bytes[bytes.length - back]!;
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > back ? bytes.length - back : bytes.length;
    }
    return bytes.length;
  }
  function utf16Complete(bytes: Uint8Array): number {
    let end = bytes.length - (bytes.length % 2);
    if (end >= 2) {
      const last = bytes[end - 2]! | (bytes[end - 1]! << 8);
      if (last >= 0xd800 && last <= 0xdbff) end -= 2;
    }
    return end;
  }
  function utf16Decode(bytes: Uint8Array, fatal: boolean, flush: boolean): string {
    let out = '';
    const units = Math.floor(bytes.length / 2);
    for (let i = 0; i < units; i++) {
      const unit = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
      if (unit >= 0xd800 && unit <= 0xdfff) {
        const next = i + 1 < units ? bytes[2 * i + 2]! | (bytes[2 * i + 3]! << 8) : -1;
        if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          out += String.fromCharCode(unit, next);
          i++;
          continue;
        }
        if (fatal) throw decodeError();
        out += '\ufffd';
        continue;
      }
      out += String.fromCharCode(unit);
    }
    if (bytes.length % 2 === 1 && flush) {
      if (fatal) throw decodeError();
      out += '\ufffd';
    }
    return out;
  }
  function latin1BytesDecode(bytes: Uint8Array): string {
    let out = '';
    for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
    return out;
  }
  function decodeError(encoding?: string): CodedError {
    const e: CodedError = new TypeError('The encoded data was not valid for encoding ' + (encoding || 'utf-16le'));
    e.code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
    return e;
  }
  // Node throws a DOMException (code 5) here.
  function invalidCharacter(message: string): unknown {
    return new k.DOMException(message, 'InvalidCharacterError');
  }
  function btoa(data: unknown): string {
    const s = String(data);
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) throw invalidCharacter('Invalid character');
    return base64Encode(latin1Encode(s, 255), false);
  }
  function atob(data: unknown): string {
    let s = String(data).replace(/[\t\n\f\r ]/g, '');
    if (s.length % 4 === 0) s = s.replace(/==?$/, '');
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) throw invalidCharacter('The string to be decoded is not correctly encoded.');
    return latin1Decode(base64Decode(s), 255);
  }

  // The buffer package's Buffer (bundled, see node-libs.ts), taught base64url as Node has it.
  const Buffer = k.nodeLibs.buffer.Buffer as unknown as PackageBuffer;
  const toBase64 = (encoding: unknown): unknown => (typeof encoding === 'string' && encoding.toLowerCase() === 'base64url' ? 'base64' : encoding);
  const packageFrom = Buffer.from;
  const packageByteLength = Buffer.byteLength;
  const packageIsEncoding = Buffer.isEncoding;
  const packageToString = Buffer.prototype.toString as BufferMethod;
  const packageWrite = Buffer.prototype.write as BufferMethod;
  Buffer.from = function from(value, encodingOrOffset, length) {
    return typeof value === 'string' ? packageFrom.call(this, value, toBase64(encodingOrOffset)) : packageFrom.call(this, value, encodingOrOffset, length);
  };
  Buffer.byteLength = function byteLength(value, encoding) {
    return packageByteLength.call(this, value, toBase64(encoding));
  };
  Buffer.isEncoding = function isEncoding(encoding) {
    return toBase64(encoding) !== encoding || packageIsEncoding.call(this, encoding);
  };
  Buffer.prototype.toString = function toString(this: unknown, encoding?: unknown, start?: unknown, end?: unknown) {
    // eslint-disable-next-line prefer-rest-params -- the package's toString counts its arguments
    if (toBase64(encoding) === encoding) return packageToString.apply(this, arguments as unknown as unknown[]);
    return (packageToString.call(this, 'base64', start, end) as string).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  Buffer.prototype.write = function write(this: unknown, string: unknown, offset: unknown, length: unknown, encoding: unknown) {
    return packageWrite.call(this, string, toBase64(offset), toBase64(length), toBase64(encoding));
  };

  // What Node's Buffer has and the package lacks: per-encoding slice/write, the Uint aliases of the
  // BigInt methods, an own subarray, Buffer.of and Buffer.copyBytesFrom; and none of the package's extras.
  const proto = Buffer.prototype;
  type BufferThis = Uint8Array & { toString(encoding?: unknown, start?: unknown, end?: unknown): string; write(...args: unknown[]): number };
  const hidden = (target: object, name: string, value: unknown) => Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  for (const encoding of ['ascii', 'base64', 'base64url', 'hex', 'latin1', 'ucs2', 'utf8']) {
    hidden(proto, encoding + 'Slice', function (this: BufferThis, start: unknown, end: unknown) {
      return this.toString(encoding, start, end);
    });
    hidden(proto, encoding + 'Write', function (this: BufferThis, string: unknown, offset: unknown, length: unknown) {
      return this.write(string, offset === undefined ? 0 : offset, length === undefined ? this.length - ((offset as number) || 0) : length, encoding);
    });
  }
  for (const [alias, name] of [
    ['readBigUint64BE', 'readBigUInt64BE'],
    ['readBigUint64LE', 'readBigUInt64LE'],
    ['writeBigUint64BE', 'writeBigUInt64BE'],
    ['writeBigUint64LE', 'writeBigUInt64LE'],
  ] as const) {
    if (!Object.prototype.hasOwnProperty.call(proto, alias)) hidden(proto, alias, proto[name]);
  }
  const typedSubarray = Uint8Array.prototype.subarray;
  hidden(proto, 'subarray', function subarray(this: Uint8Array, start?: number, end?: number) {
    return Object.setPrototypeOf(typedSubarray.call(this, start, end), proto) as Uint8Array;
  });
  hidden(Buffer, 'of', function of(...items: unknown[]) {
    return Buffer.from(items);
  });
  hidden(Buffer, 'copyBytesFrom', function copyBytesFrom(view: unknown, offset?: number, length?: number) {
    if (!ArrayBuffer.isView(view) || view instanceof DataView) throw new TypeError('The "view" argument must be an instance of TypedArray.');
    const typed = view as Uint8Array;
    const size = typed.BYTES_PER_ELEMENT;
    const start = offset === undefined ? 0 : Math.min(offset, typed.length);
    const end = length === undefined ? typed.length : Math.min(start + length, typed.length);
    return Buffer.from(new Uint8Array(typed.buffer, typed.byteOffset + start * size, (end - start) * size));
  });
  const BufferClass = Buffer;
  hidden(Buffer, 'isBuffer', function isBuffer(b: unknown) {
    return b instanceof BufferClass;
  });
  delete proto._isBuffer;
  delete Buffer.TYPED_ARRAY_SUPPORT;

  k.teachBufferNodeErrors(Buffer as unknown as BufferConstructor);

  k.utf8Encode = utf8Encode;
  k.utf8Decode = (bytes) => utf8Decode(bytes, false);
  k.bytesOf = viewOf;
  k.Buffer = Buffer as unknown as BufferConstructor;
  k.define('TextEncoder', TextEncoder);
  k.define('TextDecoder', TextDecoder);
  k.define('atob', atob);
  k.define('btoa', btoa);
  k.define('Buffer', Buffer);
}
