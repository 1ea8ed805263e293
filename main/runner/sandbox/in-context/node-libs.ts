/**
 * In-context source: the pure-JS Node libraries bundled from npm packages (buffer, events,
 * readable-stream, string_decoder, punycode, querystring-es3; see ../node-libs-options.mjs),
 * evaluated inside the context like every other piece, so everything they make is of the
 * context's realm. Each library's module body runs on its first use.
 */

import type { EventEmitterClass } from './node-events';

/** The bundled libraries (node-libs.ts), each evaluated on its first use. */
export interface NodeLibs {
  events: EventEmitterClass;
}

declare module './kernel' {
  interface Kernel {
    nodeLibs: NodeLibs;
  }
}

/** Shares k.nodeLibs (getters: buffer, events, stream, stringDecoder, punycode, querystring). */
export function nodeLibsSource(bundleText: string): string {
  return 'function installNodeLibs(k) {\n  const module = { exports: {} };\n  (function (module, exports) {\n' + bundleText + '\n  })(module, module.exports);\n  k.nodeLibs = module.exports;\n}';
}
