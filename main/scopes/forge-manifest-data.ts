import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseJson, type Check } from '../contract';

let outFolder: string | null = null;

/**
 * A JSON file shipped inside @forge/manifest (scope lists, event mappings), read from the installed
 * package so Anvil always agrees with the validator version it depends on. The package exports only
 * its entry point, so its folder is found from there. Its shape is checked: a release that changes
 * it stops Anvil with the file and the field named, rather than reading wrong scopes.
 */
export function readForgeManifestJson<T>(relativePath: string, check: Check<T>): T {
  outFolder ??= path.dirname(createRequire(import.meta.url).resolve('@forge/manifest'));
  const file = path.join(outFolder, relativePath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${relativePath} from @forge/manifest (${file}): ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseJson(text, check);
  if (!parsed.ok) throw new Error(`${relativePath} of @forge/manifest (${file}) is not in the shape Anvil reads: ${parsed.problem}; reinstall @forge/manifest at the version package.json names.`);
  return parsed.value;
}
