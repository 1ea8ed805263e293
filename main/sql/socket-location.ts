import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { claimPrivateFolder } from '../private-folder';

/**
 * Unix socket paths are limited to about 107 bytes (104 on macOS), and the server refuses a longer
 * one. The socket goes in the engine's own folder, which only this user can enter, whenever the path
 * fits; a data folder too deep for that gets a folder of its own in the temporary folder, named by
 * the data folder (so every Anvil process using it finds the same server) and only this user's.
 */
const MAX_SOCKET_BYTES = 100;

export interface EngineAddress {
  /** What the server is told (`--socket`): a file path, or a pipe name on Windows. */
  serverSocket: string;
  /** What a client connects to. */
  clientSocket: string;
}

export function engineAddress(engineFolder: string, platform: NodeJS.Platform = process.platform): EngineAddress {
  const tag = createHash('sha256').update(path.resolve(engineFolder)).digest('hex').slice(0, 16);
  // Windows has no unix sockets for MariaDB: a named pipe, which skip-networking leaves open.
  if (platform === 'win32') return { serverSocket: `anvil-sql-${tag}`, clientSocket: `\\\\.\\pipe\\anvil-sql-${tag}` };
  const inside = path.join(engineFolder, 'mysqld.sock');
  if (Buffer.byteLength(inside) <= MAX_SOCKET_BYTES) return { serverSocket: inside, clientSocket: inside };
  const uid = process.getuid?.() ?? 0;
  const folder = ownFolder(path.join(os.tmpdir(), `anvil-sql-${uid}-${tag}`));
  const socket = path.join(folder, 's');
  return { serverSocket: socket, clientSocket: socket };
}

// The temporary folder is shared by every local user: a folder someone else made, or could write
// to, could hold a socket of theirs that answers in place of the engine.
function ownFolder(folder: string): string {
  if (!claimPrivateFolder(folder, 0o077)) {
    throw new Error(`${folder} is not a private folder of this user, so Anvil will not put its SQL engine's socket there; remove it, or use a shorter data folder path`);
  }
  return folder;
}
