import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { AppFileDocument } from '../../common/types';
import { AnvilError } from '../contract';
import { revisionOf } from '../manifest';
import { checkedRelativePath, printable, realAppFolder, resolveForReading } from './app-file-path';
import { languageOf } from './file-language';

/** The editor opens and saves files of at most this size (the analysis skips larger sources too). */
export const MAX_APP_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_APP_FILE_LIMIT_TEXT = '2 MB';

/** Read a text file of the app for the editor. */
export async function readAppFile(appFolder: string, file: string): Promise<AppFileDocument> {
  const segments = checkedRelativePath(file, 'file');
  const root = await realAppFolder(appFolder);
  const absolute = await resolveForReading(root, segments, printable(file));
  const text = await readTextFile(absolute, printable(file));
  if (text === null) throw new AnvilError('io-error', `${printable(file)} does not exist in the app folder.`);
  return { file, text, revision: revisionOf(text), language: languageOf(file) };
}

/**
 * The UTF-8 text of a regular file, or null when there is none at that path. Opened without
 * following a link and without blocking (a FIFO planted at the path would otherwise hang the core),
 * then checked on the open handle, so what is read is what was checked.
 */
export async function readTextFile(absolute: string, shown: string): Promise<string | null> {
  const handle = await open(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    if (error.code === 'ELOOP') throw new AnvilError('io-error', `${shown} is a symbolic link; open the file it points to.`);
    if (error.code === 'EISDIR') throw new AnvilError('io-error', `${shown} is a folder, not a file.`);
    throw new AnvilError('io-error', `Cannot read ${shown} (${error.code ?? error.message}).`);
  });
  if (handle === null) return null;
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new AnvilError('io-error', `${shown} is a folder, not a file.`);
    if (!info.isFile()) throw new AnvilError('io-error', `${shown} is not a regular file (a device, pipe or socket); Anvil opens only files.`);
    if (info.size > MAX_APP_FILE_BYTES) throw tooLarge(shown, info.size);
    // The file may grow between stat and read: never read more than the limit, plus one byte to notice.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_APP_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > MAX_APP_FILE_BYTES) throw tooLarge(shown, length);
    return decodeText(buffer.subarray(0, length), shown);
  } finally {
    await handle.close();
  }
}

function tooLarge(shown: string, bytes: number): AnvilError {
  return new AnvilError('io-error', `${shown} is ${Math.ceil(bytes / 1024)} KB; Anvil's editor opens files up to ${MAX_APP_FILE_LIMIT_TEXT}. Open it in another editor.`);
}

/** Text only: a NUL byte or bytes that are not UTF-8 would not survive an edit and a save unchanged. */
function decodeText(bytes: Buffer, shown: string): string {
  if (bytes.includes(0)) throw new AnvilError('unsupported', `${shown} is a binary file; Anvil's editor opens text files only.`);
  try {
    // ignoreBOM keeps a byte-order mark in the text, so saving writes it back.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AnvilError('unsupported', `${shown} is not UTF-8 text; Anvil's editor opens UTF-8 files only, so saving cannot change its bytes by accident.`);
  }
}
