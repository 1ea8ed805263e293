// Builds everything the shells load: the Node core (cli, desktop main), the preload and the renderer.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManifestValidator, manifestValidatorIsStale } from './manifest-validator.mjs';
import { precompressFolder } from './precompress.mjs';
import { nodeLibsDefine } from '../main/runner/sandbox/node-libs-options.mjs';
import { inContextTextPlugin } from '../main/runner/sandbox/in-context-text-plugin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

// TypeScript is one 9 MB CommonJS file. Imported from an ES module, Node first scans all of it for
// export names (a fifth of a second on every cold start); required, it is only compiled. The core
// uses its default export alone, so it gets that through require.
const requireTypeScript = {
  name: 'require-typescript',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'require-typescript' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'require-typescript' }, () => ({
      contents: "import { createRequire } from 'node:module'; export default createRequire(import.meta.url)('typescript');",
      loader: 'js',
    }));
  },
};

if (wants('main')) {
  // Node core: ES modules; node_modules stay outside the bundle and load at run time. Split into
  // chunks so a command loads only its own code (the command line imports each command when it runs);
  // chunks sit beside the entries, where the core finds its child-process scripts.
  mkdirSync(path.join(root, 'out', 'main'), { recursive: true });
  for (const name of readdirSync(path.join(root, 'out', 'main'), { withFileTypes: true })) {
    if (name.isFile() && /^chunk-[\w-]+\.mjs(\.map)?$/.test(name.name)) rmSync(path.join(root, 'out', 'main', name.name));
  }
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'main/cli.ts', electron: 'main/electron/main.ts' },
    outdir: 'out/main',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    plugins: [requireTypeScript],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // The manifest schema's validator is generated code; regenerated only when @forge/manifest, Ajv or its generator changed.
  if (manifestValidatorIsStale()) await buildManifestValidator();
  // The keychain runs in a child process of its own (keytar is native code that can crash); its script ships beside the bundle.
  copyFileSync(path.join(root, 'main', 'vault', 'keychain-child.cjs'), path.join(root, 'out', 'main', 'keychain-child.cjs'));
  // The runner child runs app code in its own process, under Node's permission model.
  await build({
    absWorkingDir: root,
    entryPoints: ['main/runner/sandbox/runner-child.ts'],
    outfile: 'out/main/runner-child.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The pure-JS Node libraries the sandbox offers, bundled as text the child evaluates in each context.
    define: await nodeLibsDefine(build),
    plugins: [inContextTextPlugin()],
    logLevel: 'warning',
  });
}
if (wants('preload')) {
  // Sandboxed preloads must be a single CommonJS file that requires nothing but electron.
  await build({
    absWorkingDir: root,
    entryPoints: ['preload/preload.ts'],
    outfile: 'out/preload/preload.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'warning',
  });
}
if (wants('renderer')) {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Compressed once here, so the web shell sends brotli or gzip without compressing per request.
  await precompressFolder(path.join(root, 'out', 'renderer'));
}
