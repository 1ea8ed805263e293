import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AnvilError } from './contract';

/** The oldest Node.js Anvil's child processes run on (the permission model and the vm features it uses). */
export const MINIMUM_NODE = [20, 18] as const;

export interface RuntimeProbe {
  /** The running process: Electron sets `electron` in its versions. */
  versions: NodeJS.ProcessVersions;
  execPath: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** `node --version` of a candidate; null when it does not run. */
  versionOf: (file: string) => string | null;
}

const realProbe = (): RuntimeProbe => ({
  versions: process.versions,
  execPath: process.execPath,
  env: process.env,
  platform: process.platform,
  versionOf: (file) => {
    try {
      return execFileSync(file, ['--version'], { encoding: 'utf8', timeout: 5000, env: {} }).trim();
    } catch {
      return null;
    }
  },
});

let found: string | null = null;

/**
 * The Node.js that runs Anvil's child processes (the sandboxed runner, the keychain). Under plain
 * Node it is this process's own. In the desktop shell it is a real Node.js, found through
 * ANVIL_NODE or PATH: release builds turn Electron's run-as-node fuse off, so Electron itself
 * cannot stand in for Node there.
 */
export function nodeRuntime(given?: RuntimeProbe): string {
  const probe = given ?? realProbe();
  if (!probe.versions.electron) return probe.execPath;
  // Looked up once per run of the real process; tests pass their own probe every time.
  if (found && !given) return found;
  const candidates = [
    ...(probe.env.ANVIL_NODE ? [probe.env.ANVIL_NODE] : []),
    ...(probe.env.PATH ?? '')
      .split(probe.platform === 'win32' ? ';' : ':')
      .filter(Boolean)
      .map((folder) => path.join(folder, probe.platform === 'win32' ? 'node.exe' : 'node')),
  ];
  const tried: string[] = [];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const version = probe.versionOf(candidate);
    tried.push(`${candidate} (${version ?? 'does not run'})`);
    if (version && isSupported(version)) {
      if (!given) found = candidate;
      return candidate;
    }
  }
  throw new AnvilError(
    'unsupported',
    `Anvil runs app functions and the keychain helper in Node.js ${MINIMUM_NODE.join('.')} or later, and found none${tried.length > 0 ? ` (tried ${tried.join(', ')})` : ' on PATH'}. Install Node.js 20 LTS or later from nodejs.org, or set ANVIL_NODE to its path.`,
  );
}

export function isSupported(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
}

/**
 * A file a separate Node.js must read: inside a packaged app it is unpacked beside the asar
 * archive (electron-builder.yml, asarUnpack), because only Electron can read inside the archive.
 */
export function outsideArchive(file: string): string {
  const inside = `${path.sep}app.asar${path.sep}`;
  return file.includes(inside) ? file.replace(inside, `${path.sep}app.asar.unpacked${path.sep}`) : file;
}
