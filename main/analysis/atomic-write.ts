import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeThenRename } from '../manifest';

/**
 * Write `text` to `folder/name`, readable by the owner only, through `writeThenRename` (a planted file
 * or link at the name is replaced, not written through). Resolves to whether it was written: a cache
 * that cannot be written only costs a rescan.
 */
export async function writeFileAtomically(folder: string, name: string, text: string): Promise<boolean> {
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeThenRename(path.join(folder, name), text);
    return true;
  } catch {
    return false;
  }
}
