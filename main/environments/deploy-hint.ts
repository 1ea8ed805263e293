import path from 'node:path';
import { defaultDataDir } from '../data-dir';
import { projectRoot } from '../project-root';

/** One argument as a POSIX shell reads it back: plain when it is safe, single-quoted otherwise. */
function shellWord(word: string): string {
  if (/^[A-Za-z0-9_/.:=@%+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that deploys the app to an environment, runnable as printed from any folder (the
 * Terminal pane opens in the app's folder, where `npm run anvil` alone finds no such script), and
 * against the same data folder as the workbench that printed it.
 */
export function deployCommand(environment: string, appFolder: string, dataDir: string | null): string {
  const words = ['npm', '--prefix', projectRoot(), 'run', 'anvil', '--', 'env', 'deploy', path.resolve(appFolder), '--env', environment];
  if (dataDir && path.resolve(dataDir) !== defaultDataDir()) words.push('--data-dir', path.resolve(dataDir));
  return words.map(shellWord).join(' ');
}

/** What to do when an environment that runs only deployed versions has none yet. */
export function deployFirstHint(environment: string, appFolder: string, dataDir: string | null): string {
  return `Deploy first: press Deploy locally in the Environments pane (with ${environment} chosen), or run ${deployCommand(environment, appFolder, dataDir)}`;
}
