import { execFile } from 'node:child_process';
import os from 'node:os';
import type { ForgeCliLocation } from './locate-forge-cli';

const VERSION_TIMEOUT_MS = 30_000;

/**
 * `forge --version` of an installed CLI, run outside the app folder with no credentials; null when it
 * does not answer. Never for npx: asking would download the CLI.
 */
export function forgeCliVersion(location: ForgeCliLocation, env: Record<string, string>): Promise<string | null> {
  if (location.kind !== 'path') return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile(location.file, ['--version'], { cwd: os.homedir(), env, timeout: VERSION_TIMEOUT_MS, maxBuffer: 64 * 1024, windowsHide: true }, (error, stdout) => {
      const version = String(stdout).trim().split('\n')[0]?.trim() ?? '';
      resolve(error || version === '' ? null : version.slice(0, 100));
    });
  });
}
