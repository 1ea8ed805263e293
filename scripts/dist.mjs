// `npm run dist [-- --test-build]`: build installers for this OS with electron-builder (config:
// electron-builder.yml). `--test-build` keeps the inspect fuse on, so Playwright can drive the build.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ensureDependencies, ensureSampleAppDependencies, log, ROOT, run } from './setup.mjs';

/** electron-builder's arguments for this OS; the test build differs only in the inspect fuse and the output folder. */
export function distArguments(platform, testBuild) {
  const target = { linux: '--linux', darwin: '--mac', win32: '--win' }[platform];
  if (!target) throw new Error(`Installers are built on Linux, macOS or Windows; this is ${platform}.`);
  const args = ['--config', 'electron-builder.yml', target, '--publish', 'never'];
  if (testBuild) args.push('-c.electronFuses.enableNodeCliInspectArguments=true', '-c.directories.output=out/dist-test');
  return args;
}

/** Where the Electron binary is, or null: Electron downloads it on first launch and some machines cannot. */
export function electronBinary() {
  const file = path.join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(file)) return null;
  const binary = path.join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(file, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureDependencies();
  ensureSampleAppDependencies();
  ensureBuilt();
  if (!electronBinary()) {
    log('The Electron binary is not installed (node_modules/electron/dist is missing), so installers cannot be built here.');
    log("On a machine that can reach Electron's downloads: npx electron --version (fetches it), then npm run dist.");
    process.exit(1);
  }
  const builder = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
  process.exit(run(builder, distArguments(process.platform, process.argv.includes('--test-build'))));
}
