// How the sandbox's pure-JS Node libraries (buffer, events, stream, string_decoder, punycode,
// querystring) are bundled into one CommonJS text that the bootstrap evaluates INSIDE each context.
// Plain JavaScript so the build script, the tests and the runner child all use the same options.
// Each library stays behind its own getter: esbuild runs a module's body only on its first require,
// so a function that never touches `stream` never pays for it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The esbuild `define` name the runner child's build fills with the bundled text. */
export const NODE_LIBS_DEFINE = '__ANVIL_SANDBOX_NODE_LIBS__';

// 'x/' forces the npm package of that name, never Node's own module.
const ENTRY = `
module.exports = {
  get buffer() { return require('buffer/'); },
  get events() { return require('events/'); },
  get stream() { return require('readable-stream'); },
  get stringDecoder() { return require('string_decoder/'); },
  get punycode() { return require('punycode/'); },
  get querystring() { return require('querystring-es3'); },
};
`;

// Where the npm packages resolve from: the folder holding Anvil's package.json. This file runs from
// sources, and also bundled into out/main or out/bench, so walk up rather than assume a depth. Looked
// up only when bundling: the runner child loads this file too, under a permission model that refuses the look.
function projectRoot() {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`Cannot find Anvil's package.json above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
  return folder;
}

/** esbuild options: browser platform (no Node builtins may leak in), `global` as the context's globalThis. */
export function nodeLibsBuildOptions() {
  return {
    stdin: { contents: ENTRY, resolveDir: projectRoot(), sourcefile: 'anvil-sandbox-node-libs.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    define: { global: 'globalThis' },
    // Bundling renames a declaration that another module also declares (buffer's `function Buffer`
    // became `Buffer2`); app code sees these names. The helper that keeps them is inside the text.
    keepNames: true,
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/** The `define` entry for the runner child's build: the bundled libraries as one string literal. */
export async function nodeLibsDefine(build) {
  const result = await build(nodeLibsBuildOptions());
  return { [NODE_LIBS_DEFINE]: JSON.stringify(result.outputFiles[0].text) };
}
