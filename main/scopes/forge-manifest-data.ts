import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let outFolder: string | null = null;

/**
 * A JSON file shipped inside @forge/manifest (scope lists, event mappings), read from the installed
 * package so Anvil always agrees with the validator version it depends on. The package exports only
 * its entry point, so its folder is found from there.
 */
export function readForgeManifestJson<T>(relativePath: string): T {
  outFolder ??= path.dirname(createRequire(import.meta.url).resolve('@forge/manifest'));
  const file = path.join(outFolder, relativePath);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`Cannot read ${relativePath} from @forge/manifest (${file}): ${(error as Error).message}`);
  }
}
