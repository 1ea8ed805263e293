import { mkdirSync, writeFileSync } from 'node:fs';
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

