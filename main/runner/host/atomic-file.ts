import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `file` with `data` in one step: the bytes go to a new file of an unpredictable name in
 * the same folder (created exclusively, so a planted file or symbolic link there is never written
 * through), then a rename puts it in place. A reader of `file` (a web trigger request running the
 * bundle while the app is rebuilt) sees the whole old file or the whole new one, never a half-written one.
 */
export async function replaceFileAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(12).toString('hex')}.partial`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
