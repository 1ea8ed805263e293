// `npm run corpus -- <corpus-folder> [--only <app>] [--docs docs/CORPUS.md]`: run every entry point of
// the Forge apps in the corpus folder in the local runner and print the results table (docs/CORPUS.md).
import { build } from 'esbuild';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { runWithPrivateKeychain } from './private-keychain.mjs';
import { ensureDependencies, log, ROOT, run } from './setup.mjs';

ensureDependencies();
const outfile = path.join(ROOT, 'out', 'corpus', 'run-corpus.mjs');
await build({ absWorkingDir: ROOT, entryPoints: ['scripts/corpus/run-corpus.ts'], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
// The keychain is reached through a child process whose script sits beside the bundle (as in out/main).
copyFileSync(path.join(ROOT, 'main', 'vault', 'keychain-child.cjs'), path.join(path.dirname(outfile), 'keychain-child.cjs'));
// Folders are named from where the command was typed (npm runs scripts from the project folder).
const from = process.env.INIT_CWD ?? process.cwd();
const given = process.argv.slice(2);
const args = [outfile, ...given.map((arg, index) => (!arg.startsWith('--') && given[index - 1] !== '--only' ? path.resolve(from, arg) : arg))];
// Apps that keep secrets need the OS keychain: a private one when this machine can start it.
const privateKeychain = process.platform === 'linux' && ['dbus-run-session', 'gnome-keyring-daemon'].every((name) => ['/usr/bin', '/bin'].some((dir) => existsSync(path.join(dir, name))));
if (!privateKeychain) log('no private keychain here: apps that store secrets will be refused');
process.exit(privateKeychain ? runWithPrivateKeychain(process.execPath, args) : run(process.execPath, args));
