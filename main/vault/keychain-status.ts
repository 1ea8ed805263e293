import type { VaultStatus } from '../../common/types';

/** Turn a keychain failure into what the developer needs to know and do. */
export function statusFromError(message: string): VaultStatus {
  if (/locked collection|is locked|IsLocked|unlock prompt/i.test(message)) {
    return {
      state: 'locked',
      message: 'The keychain is locked, so Anvil cannot read or store secrets.',
      fix: 'Unlock your login keychain (on Linux: Passwords and Keys / Seahorse, or log in to the desktop session again), then retry.',
    };
  }
  if (/keytar could not be loaded/i.test(message)) {
    return {
      state: 'unavailable',
      message: `The keychain module is not installed correctly: ${message}`,
      fix: 'Reinstall the dependencies (npm ci). On Linux this needs libsecret-1-dev: sudo apt-get install libsecret-1-dev.',
    };
  }
  if (process.platform === 'linux') {
    return {
      state: 'unavailable',
      message: `No Secret Service answers on this session bus (${message.split('\n')[0]}).`,
      fix: 'Run Anvil inside a desktop session with a keyring (GNOME Keyring or KWallet). On a server: sudo apt-get install gnome-keyring dbus, then start Anvil with dbus-run-session and unlock the keyring with gnome-keyring-daemon --unlock.',
    };
  }
  return {
    state: 'unavailable',
    message: `The OS keychain is not available: ${message}`,
    fix: 'Check that the system keychain (macOS Keychain, Windows Credential Manager) is available to your user.',
  };
}
