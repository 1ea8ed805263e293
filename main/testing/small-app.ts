import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleModulesInto } from './sample-modules';
import { scratchFolder } from './scratch';

/** A small app with the real @forge packages (hard-linked from the sample app) and the given manifest and source. */
export function smallApp(manifest: string, source: string, fixtures: Record<string, unknown> = {}): string {
  const folder = path.join(scratchFolder(), 'app');
  mkdirSync(path.join(folder, 'src'), { recursive: true });
  writeFileSync(path.join(folder, 'manifest.yml'), manifest);
  writeFileSync(path.join(folder, 'src', 'index.js'), source);
  writeFileSync(path.join(folder, 'package.json'), '{"name":"small-app"}');
  sampleModulesInto(folder);
  for (const [file, body] of Object.entries(fixtures)) {
    const target = path.join(folder, '.anvil', 'fixtures', file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify({ status: 200, body }));
  }
  return folder;
}

/** The manifest of an app with one function, `main` (handler `index.main`), no scopes, and the given runtime line (none for an app of the retired runtime). */
export function oneFunctionManifest(runtime: string | null = 'nodejs22.x'): string {
  return `
modules:
  function:
    - key: main
      handler: index.main
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
${runtime === null ? '' : `  runtime:\n    name: ${runtime}\n`}`;
}

/**
 * Writes `files` (paths relative to the app) into a test app. With `replacePackages`, a package whose
 * package.json is among them first loses the copy the sample app's packages put there, as when the
 * app depends on that release.
 */
export function addFiles(app: string, files: Record<string, string>, options: { replacePackages?: boolean } = {}): string {
  if (options.replacePackages) {
    for (const name of Object.keys(files)) {
      if (name.endsWith('/package.json')) rmSync(path.dirname(path.join(app, name)), { recursive: true, force: true });
    }
  }
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    writeFileSync(path.join(app, name), text);
  }
  return app;
}
