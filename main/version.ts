import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fields, parseJson, required, string } from './contract';
import { projectRoot } from './project-root';

const anvilPackage = fields({ version: required(string({ nonEmpty: true })) });

/** Anvil's version, from its package.json. */
export function anvilVersion(): string {
  const file = path.join(projectRoot(), 'package.json');
  const parsed = parseJson(readFileSync(file, 'utf8'), anvilPackage);
  if (!parsed.ok) throw new Error(`Anvil's ${file} is not valid: ${parsed.problem}; reinstall Anvil.`);
  return parsed.value.version;
}
