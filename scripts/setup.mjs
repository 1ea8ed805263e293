// Makes a fresh checkout ready: system packages, npm dependencies, built output. Node builtins only,
// because this runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestValidatorIsStale } from './manifest-validator.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages the full test run needs, each with a file that shows it is installed. */
export const SYSTEM_PACKAGES = [
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium'), why: 'end-to-end tests in Chromium' },
  { name: 'dbus', present: () => commandExists('dbus-run-session'), why: 'a private session bus for keychain tests' },
  { name: 'gnome-keyring', present: () => commandExists('gnome-keyring-daemon'), why: 'a real Secret Service for keychain tests' },
  { name: 'libsecret-1-dev', present: () => spawnSync('pkg-config', ['--exists', 'libsecret-1']).status === 0, why: 'building keytar' },
  { name: 'pkg-config', present: () => commandExists('pkg-config'), why: 'building native modules' },
  { name: 'openssl', present: () => commandExists('openssl'), why: 'self-signed certificates for the stand-in Forge platform in tests' },
  {
    name: 'mariadb-server',
    present: () => existsSync('/usr/sbin/mariadbd') || commandExists('mariadbd') || commandExists('mysqld'),
    why: 'the SQL engine Forge SQL runs on locally, for its tests',
  },
];

export function log(line) {
  process.stderr.write(`[anvil] ${line}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Install missing Debian packages when we may (root with apt-get); otherwise say exactly what to run. */
export function ensureSystemPackages(packages = SYSTEM_PACKAGES) {
  if (process.platform !== 'linux') return;
  const missing = packages.filter((pkg) => !pkg.present());
  if (missing.length === 0) return;
  const names = missing.map((pkg) => pkg.name);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !commandExists('apt-get')) {
    for (const pkg of missing) log(`missing ${pkg.name} (needed for ${pkg.why})`);
    throw new Error(`Install the missing packages first: sudo apt-get install -y ${names.join(' ')}`);
  }
  log(`installing ${names.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0) throw new Error('apt-get update failed');
  if (run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { env }) !== 0) {
    throw new Error(`apt-get install ${names.join(' ')} failed`);
  }
}

/** Run `npm ci` when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const lock = path.join(ROOT, 'package-lock.json');
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && existsSync(lock) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm dependencies (npm ci)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (run(npm, ['ci', '--no-audit', '--no-fund']) !== 0) throw new Error('npm ci failed; see the output above');
}

/** The sample app's backend packages (@forge/api, @forge/resolver, @forge/kvs), which the runner bundles with its code. */
export function ensureSampleAppDependencies() {
  const app = path.join(ROOT, 'resources', 'sample-app');
  const installed = path.join(app, 'node_modules', '.package-lock.json');
  const lock = path.join(app, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log("installing the sample app's backend packages (npm ci --omit=dev in resources/sample-app)");
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (run(npm, ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: app }) !== 0) throw new Error('npm ci in resources/sample-app failed; see the output above');
}

function newestMtime(entries) {
  let newest = 0;
  for (const entry of entries) {
    const full = path.join(ROOT, entry);
    if (!existsSync(full)) continue;
    const info = statSync(full);
    if (info.isDirectory()) {
      for (const child of readdirSync(full)) newest = Math.max(newest, newestMtime([path.join(entry, child)]));
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  }
  return newest;
}

function isStale(output, sources) {
  const target = path.join(ROOT, output);
  return !existsSync(target) || statSync(target).mtimeMs < newestMtime(sources);
}

/** Build what is older than its sources: the Node core and preload (fast), the renderer (slower). */
export function ensureBuilt({ force = false } = {}) {
  const parts = [];
  if (force || isStale('out/main/cli.mjs', ['main', 'common', 'package.json']) || isStale('out/main/electron.mjs', ['main', 'common']) || manifestValidatorIsStale()) parts.push('main');
  if (force || isStale('out/preload/preload.cjs', ['preload', 'common'])) parts.push('preload');
  if (force || isStale('out/renderer/index.html', ['renderer', 'common', 'vite.config.ts', 'package-lock.json'])) parts.push('renderer');
  if (parts.length === 0) return;
  log(`building ${parts.join(', ')}`);
  if (run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), ...parts]) !== 0) throw new Error('build failed; see the output above');
}

/** Dependencies and build, or a clear message and exit 1: the first step of start and anvil. */
export function prepareOrExit() {
  try {
    ensureDependencies();
    ensureSampleAppDependencies();
    ensureBuilt();
  } catch (error) {
    log(error.message);
    process.exit(1);
  }
}
