import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ConsentBase, ConsentBases } from '../../common/types';
import { appDataFolder } from '../app';
import { AnvilError } from '../contract';
import { MANIFEST_FILE_NAME } from '../manifest';

const run = promisify(execFile);
const GIT_TIMEOUT_MS = 10_000;
const SNAPSHOT_FILE = 'installed-manifest.yml';

async function git(appFolder: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: appFolder, timeout: GIT_TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024 });
  return stdout;
}

/** The manifest as it is "installed today", and a label saying where it came from. */
export async function readBaseManifest(appFolder: string, base: Exclude<ConsentBase, { kind: 'installation' }>, dataDir: string | undefined): Promise<{ text: string; label: string }> {
  if (base.kind === 'file') {
    const file = path.resolve(appFolder, base.path);
    const text = await readFile(file, 'utf8').catch((error: Error) => {
      throw new AnvilError('io-error', `Cannot read the base manifest ${file}: ${error.message}. Give the path of a manifest.yml file.`);
    });
    return { text, label: `file ${base.path}` };
  }
  if (base.kind === 'git') {
    // A revision starting with "-" would be read by git as an option.
    if (!/^[\w./@^~{}-]+$/.test(base.revision) || base.revision.startsWith('-')) {
      throw new AnvilError('bad-request', `"${base.revision}" is not a git revision Anvil accepts; use HEAD, a branch, a tag or a commit id.`);
    }
    const relative = await git(appFolder, ['rev-parse', '--show-prefix']).catch(() => {
      throw new AnvilError('bad-request', `${appFolder} is not inside a git repository, so there is no revision to compare with. Save a snapshot or pick a manifest file instead.`);
    });
    const text = await git(appFolder, ['show', `${base.revision}:${relative.trim()}${MANIFEST_FILE_NAME}`]).catch((error: Error) => {
      throw new AnvilError('bad-request', `git has no ${MANIFEST_FILE_NAME} at revision "${base.revision}": ${error.message.split('\n').find((line) => line.startsWith('fatal')) ?? error.message}`);
    });
    return { text, label: `git ${base.revision}` };
  }
  if (!dataDir) throw new AnvilError('unsupported', 'Snapshots need a data folder; pass --data-dir.');
  const file = path.join(appDataFolder(dataDir, appFolder), SNAPSHOT_FILE);
  const info = await stat(file).catch(() => null);
  if (!info) throw new AnvilError('bad-request', 'No snapshot of the installed version has been saved for this app yet. Save one first ("Save as installed").');
  return { text: await readFile(file, 'utf8'), label: `snapshot of ${info.mtime.toISOString().slice(0, 16).replace('T', ' ')}` };
}

/** Remember the given manifest text as the version installed today. */
export async function saveSnapshot(appFolder: string, dataDir: string, text: string): Promise<{ savedAt: string }> {
  const folder = appDataFolder(dataDir, appFolder);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const file = path.join(folder, SNAPSHOT_FILE);
  await writeFile(`${file}.tmp`, text, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  return { savedAt: new Date().toISOString() };
}

/** What can serve as the installed version: a saved snapshot, and the git revisions of the app's repository. */
export async function listBases(appFolder: string, dataDir: string | undefined): Promise<ConsentBases> {
  const snapshotFile = dataDir ? path.join(appDataFolder(dataDir, appFolder), SNAPSHOT_FILE) : null;
  const info = snapshotFile ? await stat(snapshotFile).catch(() => null) : null;
  const refs = await git(appFolder, ['for-each-ref', '--format=%(refname:short)', '--count=50', 'refs/heads', 'refs/tags']).catch(() => null);
  const hasHead =
    refs !== null &&
    (await git(appFolder, ['rev-parse', '--verify', '--quiet', 'HEAD']).then(
      () => true,
      () => false,
    ));
  return {
    snapshot: info ? { savedAt: info.mtime.toISOString() } : null,
    gitRevisions: refs === null ? [] : [...(hasHead ? ['HEAD'] : []), ...refs.split('\n').filter((line) => line.trim() !== '')],
  };
}
