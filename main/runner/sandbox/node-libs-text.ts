import { createRequire } from 'node:module';
import { nodeLibsBuildOptions } from './node-libs-options.mjs';

declare const __ANVIL_SANDBOX_NODE_LIBS__: string | undefined;

/**
 * The bundled Node libraries as text. The runner child's build puts it in as a constant (see
 * node-libs-options.mjs); code run from sources in this process (unit tests) bundles it here, once.
 */
export function nodeLibsText(): string {
  if (typeof __ANVIL_SANDBOX_NODE_LIBS__ === 'string') return __ANVIL_SANDBOX_NODE_LIBS__;
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const [output] = esbuild.buildSync(nodeLibsBuildOptions()).outputFiles;
  if (!output) throw new Error('Bundling the sandbox Node libraries produced no output');
  return output.text;
}
