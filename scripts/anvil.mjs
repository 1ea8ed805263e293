// `npm run anvil -- <command>`: the command line, built first if its sources changed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { prepareOrExit, ROOT } from './setup.mjs';

prepareOrExit();
const child = spawn(process.execPath, [path.join(ROOT, 'out', 'main', 'cli.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
