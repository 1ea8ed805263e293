import vm from 'node:vm';
import { SANDBOX_SCRIPT_PREFIX } from './app-script-name';
import * as bufferNodeErrorsPiece from './in-context/buffer-node-errors';
import * as consolePiece from './in-context/console';
import * as nodeCryptoPiece from './in-context/node-crypto';
import * as nodeCryptoKeysPiece from './in-context/node-crypto-keys';
import * as encodingPiece from './in-context/encoding';
import * as fetchPiece from './in-context/fetch';
import * as formatPiece from './in-context/format';
import * as hostBytesPiece from './in-context/host-bytes';
import * as nodeEventsPiece from './in-context/node-events';
import * as nodeFsPiece from './in-context/node-fs';
import * as messagingPiece from './in-context/messaging';
import * as nodeModulesPiece from './in-context/node-modules';
import * as nodePathPiece from './in-context/node-path';
import * as performancePiece from './in-context/performance';
import * as runtimePiece from './in-context/runtime';
import * as stackFramesPiece from './in-context/stack-frames';
import * as timersPiece from './in-context/timers';
import { inContextSource, pieceSource } from './in-context-source';
import { anvilBootstrap } from './in-context/bootstrap-core';
import * as urlPiece from './in-context/url';
import * as webGlobalsPiece from './in-context/web-globals';
import * as webStreamCodecsPiece from './in-context/web-stream-codecs';
import * as webStreamsPiece from './in-context/web-streams';
import * as nodeZlibPiece from './in-context/node-zlib';
import * as nodeAssertPiece from './in-context/node-assert';
import * as nodeHttpPiece from './in-context/node-http';
import { nodeLibsSource } from './in-context/node-libs';
import * as nodeOsPiece from './in-context/node-os';
import * as nodeWorkerThreadsPiece from './in-context/node-worker-threads';
import * as nodeStreamPiece from './in-context/node-stream';
import * as nodeUrlLegacyPiece from './in-context/node-url-legacy';
import { nodeLibsText } from './node-libs-text';

/*
 * The in-context half of the membrane. The bootstrap script evaluates to `__anvil_run__`, a
 * function of the context's own realm with four phases:
 *   1. install: the host calls it once, before any app code exists (and usually before the
 *      invocation is known: contexts are prepared ahead, see fresh-context.ts), with the ONE host
 *      function (prototype removed, primitives in and out) and the process-wide settings as JSON
 *      text; it builds every global inside the context (the rarer ones lazily) and returns four
 *      context functions: the factory for the error `import()` rejects with, a one-shot setter for
 *      the bundle's module wrapper (which the host evaluates only after this, so no app code ever
 *      runs before the globals exist), a one-shot `begin` that takes the invocation's own settings,
 *      and `warm`, which builds the lazy globals ahead while no app code has run;
 *   2. begin: the host hands over the invocation (env, payload, contexts, ids) as JSON text, and
 *      the installers' begin hooks fill `process.env`, `__forge_runtime__` and the clocks;
 *   3. the entry script calls it under the invocation's timeout: it runs the bundle's top level and
 *      calls the export with the payload and context parsed here;
 *   4. the entry script calls it again whenever the host has events (timers, replies): it pulls
 *      them one by one as JSON text and runs their callbacks.
 * The host function is only ever held in closures here, never in a global. Later calls by app code
 * do nothing harmful: install accepts only the first call, and phases 3–4 only drain the host's queue.
 */
/**
 * The in-context pieces, in install order. A piece with `lazy` is built only when app code first
 * touches one of its globals (or another piece one of its shared `k.` values) — or ahead, while the
 * child is idle and the context not yet begun (`warm`). Until then each of those names is an
 * accessor that builds the piece and is replaced by a plain value, so back-to-back invocations do
 * not pay for what they never use, and a prepared context is complete.
 */
interface Piece {
  source: string;
  lazy?: { globals: string[]; shared: string[] };
}
const PIECES: Piece[] = [
  { source: pieceSource(stackFramesPiece) },
  { source: pieceSource(formatPiece) },
  { source: pieceSource(consolePiece) },
  { source: nodeLibsSource(nodeLibsText()), lazy: { globals: [], shared: ['nodeLibs'] } },
  { source: pieceSource(bufferNodeErrorsPiece) },
  {
    source: pieceSource(encodingPiece),
    lazy: { globals: ['TextEncoder', 'TextDecoder', 'atob', 'btoa', 'Buffer'], shared: ['utf8Encode', 'utf8Decode', 'bytesOf', 'Buffer'] },
  },
  { source: pieceSource(urlPiece), lazy: { globals: ['URL', 'URLSearchParams'], shared: ['URL', 'URLSearchParams'] } },
  { source: pieceSource(timersPiece) },
  {
    source: pieceSource(webGlobalsPiece),
    lazy: {
      globals: ['DOMException', 'Event', 'CustomEvent', 'EventTarget', 'AbortSignal', 'AbortController', 'structuredClone', 'Blob', 'File'],
      shared: ['DOMException', 'Blob', 'File', 'blobBytes', 'abortError'],
    },
  },
  {
    source: pieceSource(webStreamsPiece),
    lazy: {
      globals: [
        'ReadableStream',
        'ReadableStreamDefaultReader',
        'ReadableStreamDefaultController',
        'WritableStream',
        'WritableStreamDefaultWriter',
        'WritableStreamDefaultController',
        'TransformStream',
        'TransformStreamDefaultController',
        'ByteLengthQueuingStrategy',
        'CountQueuingStrategy',
      ],
      shared: ['ReadableStream', 'WritableStream', 'TransformStream', 'webStreams', 'streamDisturbed'],
    },
  },
  {
    source: pieceSource(webStreamCodecsPiece),
    lazy: { globals: ['TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream'], shared: ['webStreamCodecs'] },
  },
  { source: pieceSource(messagingPiece), lazy: { globals: ['MessageEvent', 'MessagePort', 'MessageChannel', 'BroadcastChannel'], shared: [] } },
  { source: pieceSource(fetchPiece), lazy: { globals: ['Headers', 'Response', 'Request', 'FormData', 'fetch', '__forge_fetch__'], shared: ['settleCall', 'sendEgress', 'sendProduct'] } },
  { source: pieceSource(runtimePiece) },
  {
    source: pieceSource(performancePiece),
    lazy: {
      globals: ['performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver', 'PerformanceObserverEntryList', 'PerformanceResourceTiming'],
      shared: ['perfHooks'],
    },
  },
  { source: pieceSource(nodePathPiece), lazy: { globals: [], shared: ['path'] } },
  { source: pieceSource(nodeFsPiece), lazy: { globals: [], shared: ['fs'] } },
  { source: pieceSource(nodeEventsPiece), lazy: { globals: [], shared: ['EventEmitter'] } },
  { source: pieceSource(hostBytesPiece) },
  { source: pieceSource(nodeZlibPiece) },
  { source: pieceSource(nodeStreamPiece) },
  { source: pieceSource(nodeHttpPiece) },
  { source: pieceSource(nodeOsPiece) },
  { source: pieceSource(nodeAssertPiece) },
  { source: pieceSource(nodeUrlLegacyPiece) },
  { source: pieceSource(nodeCryptoKeysPiece) },
  { source: pieceSource(nodeCryptoPiece) },
  { source: pieceSource(nodeWorkerThreadsPiece) },
  { source: pieceSource(nodeModulesPiece) },
];

/** The whole bootstrap: the core called with every piece; 'use strict' first so no frame of it exposes a function or `this`. */
export const BOOTSTRAP_SOURCE =
  "'use strict';\nconst __anvil_run__ = (" +
  inContextSource(anvilBootstrap) +
  ')([\n' +
  PIECES.map(({ source, lazy }) => `[${source}, ${lazy ? `${JSON.stringify(lazy.globals)}, ${JSON.stringify(lazy.shared)}` : 'null, null'}]`).join(',\n') +
  '\n]);\n__anvil_run__;\n';

/** Compiled once per process; V8 reuses the compiled code in every fresh context. */
export const bootstrapScript = new vm.Script(BOOTSTRAP_SOURCE, { filename: `${SANDBOX_SCRIPT_PREFIX}bootstrap.js` });

/** How the host enters a context after the bootstrap: always a script, so the vm timeout covers it and its microtasks. */
export const entryScript = new vm.Script('__anvil_run__();', { filename: `${SANDBOX_SCRIPT_PREFIX}entry.js` });
