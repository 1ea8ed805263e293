import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceFile } from '../../common/types';
import { AnvilError } from '../contract';

/** Larger files are not shown in the viewer (the analysis skips them too). */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** Read a file of the app for the viewer: only inside the app folder, never through links leading out of it. */
export async function readAppSourceFile(appFolder: string, file: string): Promise<SourceFile> {
  if (path.isAbsolute(file) || file.split(/[\\/]/).includes('..')) {
    throw new AnvilError('bad-request', `"${file}" must be a path inside the app folder, like src/index.js.`);
  }
  const root = await realpath(appFolder);
  const absolute = await realpath(path.join(root, file)).catch(() => null);
  if (!absolute || !absolute.startsWith(root + path.sep)) throw new AnvilError('io-error', `${file} does not exist in ${appFolder}.`);
  const info = await stat(absolute);
  if (!info.isFile()) throw new AnvilError('io-error', `${file} is not a file.`);
  if (info.size > MAX_SOURCE_BYTES) throw new AnvilError('io-error', `${file} is ${Math.round(info.size / 1024)} KB; the viewer shows files up to 2 MB.`);
  return { file, text: await readFile(absolute, 'utf8') };
}
