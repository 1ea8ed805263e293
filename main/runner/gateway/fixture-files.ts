import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { AnvilError } from '../../contract';
import { replaceFile } from '../../manifest';

/** Where an app keeps the responses its product calls get when running against fixtures. */
export const FIXTURES_FOLDER = '.anvil/fixtures';

// Far above any real response; a bigger "fixture" is refused before it is read into memory.
const MAX_FIXTURE_BYTES = 16 * 1024 * 1024;

/**
 * Fixture files live in a folder a cloned app ships, so any part of their path may be a planted
 * symbolic link (`.anvil`, `fixtures`, a product folder, the file itself) pointing at, say, the
 * developer's shell profile. Reads and writes here walk the path one name at a time from the app
 * folder, refuse every link, and open the file itself without following one, so a fixture is only
 * ever a plain file inside the app's own `.anvil/fixtures`.
 */

/** A fixture's text, or null when there is none yet. `file` is a path inside `<appFolder>/.anvil/fixtures`. */
export async function readFixtureFile(appFolder: string, file: string): Promise<string | null> {
  const found = await locate(appFolder, file, false);
  if (found === null) return null;
  const { app, located } = found;
  // O_NONBLOCK: a FIFO planted as a fixture would otherwise block the read forever; it is refused below.
  const handle = await open(located, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    if (error.code === 'ELOOP') throw linkRefusal(app, located);
    throw new AnvilError('io-error', `Cannot read the fixture ${display(app, located)}: ${error.message}.`);
  });
  if (handle === null) return null;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AnvilError('bad-request', `The fixture ${display(app, located)} is not a plain file; replace it with a .json file.`);
    if (info.size > MAX_FIXTURE_BYTES) {
      throw new AnvilError('bad-request', `The fixture ${display(app, located)} is ${info.size} bytes; fixtures may be at most ${MAX_FIXTURE_BYTES} bytes. Make it smaller.`);
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Write a fixture atomically, creating its folders; never through a link, never outside `.anvil/fixtures`. */
export async function writeFixtureFile(appFolder: string, file: string, text: string): Promise<void> {
  const { app, located } = (await locate(appFolder, file, true))!;
  try {
    await replaceFile(located, text);
  } catch (error) {
    if (error instanceof AnvilError) throw new AnvilError(error.code, `${error.message} Nothing was saved.`);
    throw new AnvilError('io-error', `Cannot write the fixture ${display(app, located)}: ${(error as Error).message}. Nothing was saved.`);
  }
}

/**
 * The real path of a fixture file: the app folder's real path (the developer chose it, link or not)
 * joined with the fixture's names, each folder checked to be a real folder and not a link. With
 * `create`, missing folders are made; without, a missing folder means the fixture is missing (null).
 */
async function locate(appFolder: string, file: string, create: boolean): Promise<{ app: string; located: string } | null> {
  const names = path.relative(appFolder, file).split(path.sep);
  const fixtures = FIXTURES_FOLDER.split('/');
  if (names.length <= fixtures.length || fixtures.some((name, index) => names[index] !== name) || names.some((name) => name === '' || name === '.' || name === '..')) {
    throw new AnvilError('bad-request', `"${file}" is not a fixture: fixtures are .json files under ${FIXTURES_FOLDER}/ in the app.`);
  }
  let current = await realpath(appFolder).catch((error: Error) => {
    throw new AnvilError('io-error', `Cannot reach the app folder ${appFolder} (${error.message}); open the app again.`);
  });
  const realApp = current;
  for (const name of names.slice(0, -1)) {
    current = path.join(current, name);
    let info = await lstat(current).catch(() => null);
    if (info === null) {
      if (!create) return null;
      await mkdir(current).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw new AnvilError('io-error', `Cannot create the folder ${display(realApp, current)} for the fixture: ${error.message}. Nothing was saved.`);
      });
      info = await lstat(current);
    }
    if (info.isSymbolicLink()) throw linkRefusal(realApp, current);
    if (!info.isDirectory()) throw new AnvilError('bad-request', `${display(realApp, current)} is not a folder, so it cannot hold fixtures; move it away.`);
  }
  return { app: realApp, located: path.join(current, names.at(-1)!) };
}

function linkRefusal(appFolder: string, file: string): AnvilError {
  return new AnvilError(
    'bad-request',
    `${display(appFolder, file)} is a symbolic link. Anvil reads and writes fixtures only as plain files and folders inside the app's own ${FIXTURES_FOLDER}, so a cloned app cannot point them at other files; replace the link with a copy of what it points to.`,
  );
}

/** A path as the developer sees it in the app: relative to the app folder, with forward slashes. */
function display(appFolder: string, file: string): string {
  const relative = path.relative(appFolder, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
