// Bundling the runner child renames a nested declaration whose name some other module of the bundle
// also declares at its top level: the sandbox's `class URL` became `URL2`, `function require` became
// `require2`, and app code sees those names (URL.name, inspect output, stack frames). So every build
// of the child compiles each in-context piece a second time on its own, where nothing is renamed, and
// the bundle carries each function's text from that compile as a property the bootstrap reads
// (in-context-source.ts) instead of the bundled function's own text.
// Plain JavaScript so the build script and the tests use the same plugin.
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';
import { IN_CONTEXT_TEXT_KEY } from './in-context-text-key.mjs';

const IN_CONTEXT_FILE = /[\\/]runner[\\/]sandbox[\\/]in-context[\\/][^\\/]+\.ts$/;

export function inContextTextPlugin() {
  return {
    name: 'anvil-in-context-text',
    setup(build) {
      build.onLoad({ filter: IN_CONTEXT_FILE }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: args.path });
        // The pieces import types only (a lint rule keeps it so), so the compiled module stands alone.
        const compiled = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
        const carried = Object.entries(compiled)
          .filter(([, value]) => typeof value === 'function')
          .map(([name, fn]) => `Object.defineProperty(${name}, Symbol.for(${JSON.stringify(IN_CONTEXT_TEXT_KEY)}), { value: ${JSON.stringify(Function.prototype.toString.call(fn))} });`);
        return { contents: `${code}\n${carried.join('\n')}\n`, loader: 'js', resolveDir: args.path.replace(/[\\/][^\\/]+$/, '') };
      });
    },
  };
}
