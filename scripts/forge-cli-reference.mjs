// The Forge CLI's own GraphQL queries and schema types, fetched once for the drift test of Anvil's
// cloud client (main/cloud/forge-cli-drift.test.ts). The CLI is not a dependency of Anvil (it pulls
// hundreds of packages), so only its published tarballs are downloaded with `npm pack` and the few
// files the test reads are extracted into out/. Node builtins only: this runs before the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Pinned on purpose: these are the releases whose protocol docs/forge-platform-api.md describes and
// Anvil's client was written against. A newer CLI may change its queries; move these versions
// deliberately, run the drift test, and update the client and the doc with what changed.
export const FORGE_CLI_REFERENCE = [
  {
    name: '@forge/cli-shared',
    version: '9.3.0',
    files: ['out/app-logs/graphql-client.js', 'out/graphql/app-environment-graphql-client.js', 'out/graphql/graphql-types.d.ts'],
  },
  {
    name: '@forge/cli',
    version: '13.3.0',
    files: ['out/environment/graphql-client.js', 'out/installations/graphql-client.js', 'out/installations/site-translation/sited-products.js', 'out/version/graphql-client.js'],
  },
];

/** Where a package's extracted files live: out/forge-cli-reference/<name>@<version>/. */
export function forgeCliReferenceFolder(name, version) {
  return path.join(ROOT, 'out', 'forge-cli-reference', `${name.replace('/', '+')}@${version}`);
}

/** Fetch what is missing; answers the problems (an empty list when everything is in place), never throws. */
export function ensureForgeCliReference(log = (line) => process.stderr.write(`[anvil] ${line}\n`)) {
  const problems = [];
  for (const pkg of FORGE_CLI_REFERENCE) {
    const folder = forgeCliReferenceFolder(pkg.name, pkg.version);
    if (pkg.files.every((file) => existsSync(path.join(folder, file)))) continue;
    log(`fetching ${pkg.name}@${pkg.version} (only its query files) for the Forge CLI drift test`);
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-forge-cli-'));
    try {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const packed = spawnSync(npm, ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', scratch, '--silent'], { cwd: scratch, encoding: 'utf8' });
      const tarball = packed.stdout?.trim().split('\n').pop();
      if (packed.status !== 0 || !tarball) {
        problems.push(`npm pack ${pkg.name}@${pkg.version} failed (${(packed.stderr || packed.error?.message || '').trim().split('\n').pop()})`);
        continue;
      }
      mkdirSync(folder, { recursive: true });
      const members = pkg.files.map((file) => `package/${file}`);
      const extracted = spawnSync('tar', ['-xzf', path.join(scratch, tarball), '-C', folder, '--strip-components=1', ...members], { encoding: 'utf8' });
      if (extracted.status !== 0) problems.push(`extracting ${pkg.name}@${pkg.version} failed (${extracted.stderr.trim()})`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  for (const problem of problems) log(problem);
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(ensureForgeCliReference().length === 0 ? 0 : 1);
