// Where the Electron binary is, if it is installed. Electron fetches its binary lazily (on first
// use, not at npm install), so installing never fails offline; here we fetch it when we can.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { log, ROOT } from './setup.mjs';

const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');

/** The installed Electron executable, or null. */
export function electronBinary() {
  if (process.env.ANVIL_ELECTRON_BINARY) return existsSync(process.env.ANVIL_ELECTRON_BINARY) ? process.env.ANVIL_ELECTRON_BINARY : null;
  const pathFile = path.join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Try once to fetch the binary (Electron's own installer); null when it cannot be had. */
export function tryDownloadElectron() {
  const installer = path.join(ELECTRON_DIR, 'install.js');
  if (!existsSync(installer)) return null;
  log('fetching the Electron binary (first start only)');
  const result = spawnSync(process.execPath, [installer], { cwd: ELECTRON_DIR, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  if (result.status !== 0) {
    const reason = (result.stderr?.toString() ?? '').split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
    log(`could not fetch the Electron binary: ${reason.trim().slice(0, 200)}`);
    return null;
  }
  return electronBinary();
}
