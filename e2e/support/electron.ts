import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './paths';

/** The Electron executable if one is installed (it is fetched lazily, so it may not be), else null. */
export function findElectronBinary(): string | null {
  const override = process.env.ANVIL_ELECTRON_BINARY;
  if (override) return existsSync(override) ? override : null;
  const pathFile = path.join(PROJECT_ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(PROJECT_ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Why the desktop suite cannot run here, or null when it can. */
export function electronSkipReason(): string | null {
  if (!findElectronBinary()) {
    return 'no Electron binary is installed (it is fetched on first start and could not be downloaded on this machine); the same flows run against the web shell';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display: run the suite under xvfb-run to drive the desktop window';
  }
  return null;
}
