import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { PINNED_FORGE_CLI } from './cli-arguments';

/** How Anvil starts the Forge CLI: the executable (an absolute path) and the words before the CLI's own arguments. */
export type ForgeCliLocation = { kind: 'path'; file: string; prefix: string[] } | { kind: 'npx'; file: string; prefix: string[]; npxPrefix: string } | { kind: 'missing'; message: string };

function inside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * The folders of a search path that may be trusted to run from: absolute ones outside the app folder.
 * A relative entry (an empty one means the current folder) would resolve inside the app folder, where
 * the CLI runs; the app folder and its node_modules/.bin hold whatever the app's author put there.
 */
export function trustedSearchPath(searchPath: string | undefined, appFolder: string): string[] {
  const app = real(appFolder);
  return (searchPath ?? '')
    .split(path.delimiter)
    .filter((entry) => entry !== '' && path.isAbsolute(entry))
    .filter((entry) => !inside(app, real(entry)) && !inside(path.resolve(appFolder), path.resolve(entry)));
}

function executableIn(folders: readonly string[], name: string, appFolder: string, platform: NodeJS.Platform): string | null {
  const names = platform === 'win32' ? [`${name}.cmd`, `${name}.exe`, name] : [name];
  const app = real(appFolder);
  for (const folder of folders) {
    for (const candidate of names) {
      const file = path.join(folder, candidate);
      try {
        if (!statSync(file).isFile()) continue;
        if (platform !== 'win32') accessSync(file, constants.X_OK);
      } catch {
        continue;
      }
      // A link from a trusted folder into the app folder is the app folder's file all the same.
      if (inside(app, real(file))) continue;
      return file;
    }
  }
  return null;
}

/**
 * Find the Forge CLI once, as an absolute path: `forge` on the trusted part of PATH, else npx running
 * the pinned major release (downloaded on first use). npx is given a project folder of Anvil's own
 * (`npxPrefix`), so neither the app's node_modules nor an .npmrc in the app folder decide what runs.
 */
export function locateForgeCli(options: { searchPath: string | undefined; appFolder: string; npxPrefix: string; platform?: NodeJS.Platform }): ForgeCliLocation {
  const platform = options.platform ?? process.platform;
  const folders = trustedSearchPath(options.searchPath, options.appFolder);
  const forge = executableIn(folders, 'forge', options.appFolder, platform);
  if (forge) return { kind: 'path', file: forge, prefix: [] };
  const npx = executableIn(folders, 'npx', options.appFolder, platform);
  if (npx) return { kind: 'npx', file: npx, prefix: ['--yes', '--prefix', options.npxPrefix, PINNED_FORGE_CLI], npxPrefix: options.npxPrefix };
  return {
    kind: 'missing',
    message: 'Neither the Forge CLI (forge) nor npx is on PATH. Install the Forge CLI with npm install -g @forge/cli (it needs Node.js), then reopen Anvil.',
  };
}
