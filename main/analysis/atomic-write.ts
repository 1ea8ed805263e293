import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Write `text` to `folder/name` (only the owner may read it): first under a name no one can guess, then
 * renamed over the old file, so a reader sees the old file or the new one, never half of one, and a file
 * or link planted at the name is replaced, not written through. Resolves to whether it was written.
 */
export async function writeFileAtomically(folder: string, name: string, text: string): Promise<boolean> {
  const temporary = path.join(folder, `.${name}.${randomBytes(12).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFile(temporary, text, { flag: 'wx', mode: 0o600 });
    await rename(temporary, path.join(folder, name));
    return true;
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}
