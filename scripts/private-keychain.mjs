// Runs a command inside its own D-Bus session with a fresh, unlocked gnome-keyring: tests that need
// the OS keychain get a real Secret Service, and never the user's own keychain.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './setup.mjs';

export const KEYRING_PASSWORD = 'anvil-test-keyring';

/** Run `command args` under a private Secret Service; returns its exit code. */
export function runWithPrivateKeychain(command, args, env = process.env) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-keyring-'));
  const runtime = path.join(scratch, 'runtime');
  const data = path.join(scratch, 'data');
  mkdirSync(runtime, { mode: 0o700 });
  mkdirSync(data, { mode: 0o700 });
  const script = [`printf %s "$ANVIL_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null`, 'exec "$@"'].join(' && ');
  try {
    return run('dbus-run-session', ['--', 'sh', '-c', script, 'anvil-keychain', command, ...args], {
      env: {
        ...env,
        XDG_RUNTIME_DIR: runtime,
        XDG_DATA_HOME: data,
        ANVIL_KEYRING_PASSWORD: KEYRING_PASSWORD,
        ANVIL_PRIVATE_SECRET_SERVICE: '1',
      },
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
