/**
 * The program of the small Node process that owns the SQL server: it starts the server, and stops it
 * as soon as Anvil goes away, however Anvil ends (closed, crashed or killed: its IPC channel closes
 * with the process). A server started by Anvil directly would outlive a killed Anvil and keep its
 * data folder locked. Run with `node -e`, so no file has to ship beside Anvil's bundle.
 */
export const KEEPER_PROGRAM = `
const { spawn } = require('node:child_process');
const [server, ...args] = process.argv.slice(1);
const child = spawn(server, args, { stdio: ['ignore', 'ignore', 'pipe'] });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 20000).unref();
};
child.stderr.on('data', (chunk) => process.stderr.write(chunk));
child.on('error', (error) => { process.stderr.write('cannot start ' + server + ': ' + error.message + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code === null ? 1 : code));
process.on('disconnect', stop);
process.on('message', (message) => { if (message === 'stop') stop(); });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.send) process.send({ serverPid: child.pid });
`;
