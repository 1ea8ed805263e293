/**
 * In-context piece: the transform streams that encode, decode and compress —
 * `TextEncoderStream`, `TextDecoderStream`, `CompressionStream` and `DecompressionStream` (gzip,
 * deflate, deflate-raw), each a TransformStream of this realm. The host's zlib works one-shot and
 * keeps no state, so (de)compression collects the written bytes and does the work when the
 * writable side closes: the output bytes are Node's, but arrive once the input has ended. Runs as
 * text inside the context: see kernel.ts.
 */
import type { TransformStream as NodeTransformStream } from 'node:stream/web';
import type { CodedError, Kernel } from './kernel';

type Decoder = InstanceType<typeof TextDecoder>;

/** What each class keeps of an instance, out of app code's reach. */
interface Slot {
  brand: string;
  transform: NodeTransformStream;
  decoder?: Decoder;
}

type OneShotZlib = 'gzipSync' | 'deflateSync' | 'deflateRawSync' | 'gunzipSync' | 'inflateSync' | 'inflateRawSync';

/** The codec classes of `stream/web`. */
export interface WebStreamCodecClasses {
  TextEncoderStream: new () => object;
  TextDecoderStream: new (label?: unknown, options?: unknown) => object;
  CompressionStream: new (format: unknown) => object;
  DecompressionStream: new (format: unknown) => object;
}

declare module './kernel' {
  interface Kernel {
    webStreamCodecs: WebStreamCodecClasses;
  }
}

/** Defines the four globals; shares k.webStreamCodecs. */
export function installWebStreamCodecs(k: Kernel): void {
  const TransformStream = k.TransformStream;
  const slots = new WeakMap<object, Slot>();
  function slot(value: unknown, brand: string): Slot {
    const s = value !== null && typeof value === 'object' ? slots.get(value) : undefined;
    if (s === undefined || s.brand !== brand) {
      const e: CodedError = new TypeError('Value of "this" must be of type ' + brand);
      e.code = 'ERR_INVALID_THIS';
      throw e;
    }
    return s;
  }
  function bytesOfChunk(chunk: unknown): Uint8Array {
    const bytes = k.bytesOf(chunk);
    if (!bytes) throw k.argError('chunk', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', chunk);
    return bytes;
  }
  const REPLACEMENT = [0xef, 0xbf, 0xbd];

  class TextEncoderStream {
    constructor() {
      // A high surrogate at the end of one chunk waits for the low one at the start of the next.
      let pending = '';
      const transform = new TransformStream<unknown, Uint8Array>({
        transform(chunk, controller) {
          let text = pending + String(chunk);
          pending = '';
          const last = text.charCodeAt(text.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pending = text.charAt(text.length - 1);
            text = text.slice(0, -1);
          }
          if (text.length > 0) controller.enqueue(k.utf8Encode(text));
        },
        flush(controller) {
          if (pending !== '') controller.enqueue(new Uint8Array(REPLACEMENT));
        },
      });
      slots.set(this, { brand: 'TextEncoderStream', transform });
    }
    get encoding() {
      slot(this, 'TextEncoderStream');
      return 'utf-8';
    }
    get readable() {
      return slot(this, 'TextEncoderStream').transform.readable;
    }
    get writable() {
      return slot(this, 'TextEncoderStream').transform.writable;
    }
  }

  class TextDecoderStream {
    constructor(label?: unknown, options?: unknown) {
      const decoder = new TextDecoder(label === undefined ? 'utf-8' : (label as string), options as ConstructorParameters<typeof TextDecoder>[1]);
      const transform = new TransformStream<unknown, string>({
        transform(chunk, controller) {
          const text = decoder.decode(bytesOfChunk(chunk), { stream: true });
          if (text !== '') controller.enqueue(text);
        },
        flush(controller) {
          const text = decoder.decode();
          if (text !== '') controller.enqueue(text);
        },
      });
      slots.set(this, { brand: 'TextDecoderStream', transform, decoder });
    }
    get encoding() {
      return (slot(this, 'TextDecoderStream').decoder as Decoder).encoding;
    }
    get fatal() {
      return (slot(this, 'TextDecoderStream').decoder as Decoder).fatal;
    }
    get ignoreBOM() {
      return (slot(this, 'TextDecoderStream').decoder as Decoder).ignoreBOM;
    }
    get readable() {
      return slot(this, 'TextDecoderStream').transform.readable;
    }
    get writable() {
      return slot(this, 'TextDecoderStream').transform.writable;
    }
  }

  const COMPRESS: Record<string, OneShotZlib> = { gzip: 'gzipSync', deflate: 'deflateSync', 'deflate-raw': 'deflateRawSync' };
  const DECOMPRESS: Record<string, OneShotZlib> = { gzip: 'gunzipSync', deflate: 'inflateSync', 'deflate-raw': 'inflateRawSync' };
  function zlibStream(methods: Record<string, OneShotZlib>, format: unknown): NodeTransformStream {
    const name = String(format);
    if (!Object.prototype.hasOwnProperty.call(methods, name)) {
      const e: CodedError = new TypeError("The argument 'format' is invalid. Received " + k.inspect(format));
      e.code = 'ERR_INVALID_ARG_VALUE';
      throw e;
    }
    const method = methods[name] as OneShotZlib;
    let chunks: Uint8Array[] = [];
    return new TransformStream<unknown, Uint8Array>({
      transform(chunk) {
        chunks.push(typeof chunk === 'string' ? k.utf8Encode(chunk) : new Uint8Array(bytesOfChunk(chunk)));
      },
      flush(controller) {
        const input = k.Buffer.concat(chunks);
        chunks = [];
        const out = k.loadZlib()[method](input);
        if (out.length > 0) controller.enqueue(new Uint8Array(out.buffer, out.byteOffset, out.length));
      },
    });
  }
  class CompressionStream {
    constructor(format: unknown) {
      slots.set(this, { brand: 'CompressionStream', transform: zlibStream(COMPRESS, format) });
    }
    get readable() {
      return slot(this, 'CompressionStream').transform.readable;
    }
    get writable() {
      return slot(this, 'CompressionStream').transform.writable;
    }
  }
  class DecompressionStream {
    constructor(format: unknown) {
      slots.set(this, { brand: 'DecompressionStream', transform: zlibStream(DECOMPRESS, format) });
    }
    get readable() {
      return slot(this, 'DecompressionStream').transform.readable;
    }
    get writable() {
      return slot(this, 'DecompressionStream').transform.writable;
    }
  }

  const names: WebStreamCodecClasses = { TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream };
  k.webStreamCodecs = names;
  for (const name of Object.keys(names)) k.define(name, names[name as keyof WebStreamCodecClasses]);
}
