// `npm run bench [-- name]`: build each benchmark in bench/ and run it. Benchmarks print figures; they never fail the build.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, ensureDependencies, ensureSampleAppDependencies, log, ROOT, run } from './setup.mjs';

ensureDependencies();
ensureSampleAppDependencies();
// The frames benchmark drives the built workbench in Chromium.
ensureBuilt();
const wanted = process.argv.slice(2);
const benches = readdirSync(path.join(ROOT, 'bench'))
  .filter((name) => name.endsWith('.ts') && name !== 'measure.ts')
  .filter((name) => wanted.length === 0 || wanted.some((want) => name.includes(want)));
for (const name of benches) {
  const outfile = path.join(ROOT, 'out', 'bench', name.replace(/\.ts$/, '.mjs'));
  await build({ absWorkingDir: ROOT, entryPoints: [`bench/${name}`], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  log(`bench/${name}`);
  run(process.execPath, [outfile]);
}
