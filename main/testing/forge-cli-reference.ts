import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FORGE_CLI_REFERENCE, forgeCliReferenceFolder } from '../../scripts/forge-cli-reference.mjs';

/**
 * A file of the pinned Forge CLI release (`scripts/forge-cli-reference.mjs` fetches them before the
 * tests). Null when it is missing on a developer's machine, so the test can say it was skipped; under
 * CI a missing file is an error, because a skipped drift test would let a green run hide that the
 * client was never compared with the CLI.
 */
export function forgeCliReferenceFile(name: string, file: string, folderOf: (name: string, version: string) => string = forgeCliReferenceFolder): string | null {
  const pkg = FORGE_CLI_REFERENCE.find((candidate) => candidate.name === name && candidate.files.includes(file));
  if (!pkg) throw new Error(`${name} ${file} is not in FORGE_CLI_REFERENCE; add it there so it is fetched.`);
  const full = path.join(folderOf(pkg.name, pkg.version), file);
  if (existsSync(full)) return readFileSync(full, 'utf8');
  if (process.env.CI)
    throw new Error(
      `${pkg.name}@${pkg.version} ${file} is missing, and CI must not skip the Forge CLI drift test. Run node scripts/forge-cli-reference.mjs (it needs the npm registry) and run again.`,
    );
  return null;
}

/** The text of the query named `operation` in a CLI file (its GraphQL template literal). */
export function cliQuery(source: string, operation: string): string {
  const start = source.search(new RegExp(`(query|mutation)\\s+${operation}\\b`));
  if (start < 0) throw new Error(`The Forge CLI no longer has a query named ${operation}.`);
  return source.slice(start, source.indexOf('`', start));
}
