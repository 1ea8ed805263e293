import type { AppFileDocument } from '../../common/types';
import { AnvilError } from '../contract';
import { replaceFile, revisionOf } from '../manifest';
import { checkedRelativePath, confirmWritableFolder, printable, realAppFolder, resolveForWriting } from './app-file-path';
import { MAX_APP_FILE_BYTES, MAX_APP_FILE_LIMIT_TEXT, readTextFile } from './app-file-read';
import { languageOf } from './file-language';

/**
 * Save a text file of the app. With `baseRevision`, refuse when the disk no longer holds that text
 * (another program changed or deleted it), so nobody's edit is lost silently. The write is atomic
 * (a new file renamed over the old one), never through a link, never inside `.git`.
 */
export async function saveAppFile(appFolder: string, file: string, text: string, baseRevision?: string): Promise<AppFileDocument> {
  const segments = checkedRelativePath(file, 'file');
  const shown = printable(file);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_APP_FILE_BYTES) {
    throw new AnvilError('bad-request', `${shown} would be ${Math.ceil(bytes / 1024)} KB; Anvil saves files up to ${MAX_APP_FILE_LIMIT_TEXT}. Nothing was written; your text is still in the editor.`);
  }
  const root = await realAppFolder(appFolder);
  const absolute = await resolveForWriting(root, segments, shown);
  if (baseRevision !== undefined) {
    const onDisk = await readTextFile(absolute, shown).catch((error: unknown) => {
      if (error instanceof AnvilError) throw new AnvilError(error.code, `${error.message} Nothing was written.`);
      throw error;
    });
    if (onDisk === null) {
      throw new AnvilError('app-file-conflict', `${shown} was deleted by another program since you opened it. Save again without reloading to write it back (overwrite), or close it.`);
    }
    if (revisionOf(onDisk) !== baseRevision) {
      throw new AnvilError('app-file-conflict', `${shown} was changed by another program since you opened it. Reload it to see those changes, or overwrite them with your text.`);
    }
  }
  await confirmWritableFolder(root, absolute, shown);
  try {
    await replaceFile(absolute, text);
  } catch (error) {
    if (error instanceof AnvilError) throw new AnvilError(error.code, `${error.message.split(absolute).join(shown)} Your text is still in the editor.`);
    throw new AnvilError('io-error', `Cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Your text is still in the editor.`);
  }
  return { file, text, revision: revisionOf(text), language: languageOf(file) };
}
