import { readFile } from 'node:fs/promises';

/**
 * The resident memory of a process in bytes, from /proc (Linux); null where there is none. The
 * host uses it as a backstop: a function allocating in one synchronous loop never reaches the
 * runner's own memory checks, but its process's resident memory shows it.
 */
export async function residentBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
