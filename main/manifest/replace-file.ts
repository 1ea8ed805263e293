import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readlink, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AnvilError } from '../contract';

/** A temporary name beside the file that nobody can guess in advance, so nothing can be planted there. */
export function unguessableTemporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.anvil-${randomBytes(12).toString('hex')}.tmp`);
}

/**
 * Replace a file's content atomically: write a new file beside it, then rename it over the old one,
 * so a crash mid-write never leaves half a file. The temporary file is created exclusively (a link or
 * file already at that name makes the write fail instead of following it), and a link at the file
 * itself is refused rather than written through, so the write lands in this folder and nowhere else.
 * The file's permission bits are kept; a new file gets 0644.
 */
export async function replaceFile(file: string, text: string | Uint8Array, temporaryName: (file: string) => string = unguessableTemporaryName): Promise<void> {
  const existing = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing?.isSymbolicLink()) {
    const target = await readlink(file).catch(() => 'somewhere else');
    throw new AnvilError(
      'io-error',
      `${file} is a symbolic link (to ${target}); Anvil does not save through links, so a cloned app cannot make it write outside its folder. Replace the link with a copy of the file, then save again.`,
    );
  }
  if (existing && !existing.isFile()) throw new AnvilError('io-error', `${file} is not a regular file; move it away, then save again.`);
  await writeThenRename(file, text, { mode: existing ? existing.mode & 0o777 : 0o644, durable: true, temporaryName });
}

/**
 * The one way Anvil replaces a file: the bytes go to a new file of an unguessable name beside it,
 * created exclusively (a file or link already at that name makes the write fail instead of being
 * followed), then a rename puts it in place, so a reader sees the whole old file or the whole new one.
 * A link at `file` itself is replaced, not written through; `replaceFile` refuses one instead.
 * `durable` waits for the disk (the developer's own files); output Anvil can make again (bundles,
 * caches) skips that wait, which sits on every run's path.
 */
export async function writeThenRename(file: string, data: string | Uint8Array, options: { mode?: number; durable?: boolean; temporaryName?: (file: string) => string } = {}): Promise<void> {
  const temporary = (options.temporaryName ?? unguessableTemporaryName)(file);
  // O_EXCL (with O_CREAT) refuses any existing entry, a dangling link included; O_NOFOLLOW says the same for platforms that differ.
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600).catch((error: NodeJS.ErrnoException) => {
    throw new AnvilError('io-error', `Cannot create the temporary file ${temporary} (${error.code ?? error.message}); nothing was written.`);
  });
  try {
    try {
      await handle.writeFile(data);
      await handle.chmod(options.mode ?? 0o600);
      if (options.durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
