// `npm start [-- app-folder]`: set up, then open Anvil on the app (the bundled sample by default).
// The desktop window when an Electron binary can be had and a display exists; the web shell otherwise.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { electronBinary, tryDownloadElectron } from './electron-binary.mjs';
import { log, prepareOrExit, ROOT } from './setup.mjs';

const args = process.argv.slice(2);
prepareOrExit();

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let binary = electronBinary();
if (!binary && hasDisplay) binary = tryDownloadElectron();

let child;
if (binary && hasDisplay) {
  child = spawn(binary, [path.join(ROOT, 'out', 'main', 'electron.mjs'), ...args], { stdio: 'inherit' });
} else {
  log(
    hasDisplay
      ? 'no Electron binary could be fetched here: serving the web shell instead; open the URL below in a browser'
      : 'no display found (DISPLAY/WAYLAND_DISPLAY unset): serving the web shell instead of the desktop window; open the URL below in a browser',
  );
  child = spawn(process.execPath, [path.join(ROOT, 'out', 'main', 'cli.mjs'), 'serve', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
