/**
 * The runner child process: runs Forge app functions for the host, one invocation at a time, each
 * in a fresh vm context that no host object can be reached from (see context-bootstrap.ts).
 *
 * Built by esbuild to one ESM file and started by the host with an IPC channel:
 *   node --experimental-permission --allow-fs-read=<folder of runner-child.mjs>
 *        --allow-fs-read=<bundle folder> --max-old-space-size=<MB> --experimental-vm-modules
 *        --no-warnings runner-child.mjs
 * It needs no writes, child processes or workers. --experimental-vm-modules lets `import()` in app
 * code be refused with an error of the app's own realm; without it, bundles containing import()
 * are refused.
 */
import type { ChildToHost, ProbeMessage } from '../protocol';
import { InvocationQueue } from './invocation-queue';
import { guardHostStackTraces } from './host-stack-guard';
import { enableReclaim } from './memory-gauge';
import { probeProcess } from './process-probe';

function send(message: ChildToHost): void {
  try {
    process.send?.(message);
  } catch {
    // The channel is gone: nobody is left to run functions for.
    process.exit(0);
  }
}

if (typeof process.send !== 'function') {
  process.stderr.write('runner-child must be started by the Anvil runner host with an IPC channel (child_process.fork).\n');
  process.exit(1);
}

// Before the first app context exists (the queue starts preparing one right away).
enableReclaim();
guardHostStackTraces();
const queue = new InvocationQueue({ send });
process.on('message', (message) => {
  const probe = message as Partial<ProbeMessage> | null;
  if (probe?.type === 'probe' && typeof probe.id === 'number' && typeof probe.file === 'string') send(probeProcess(probe.id, probe.file));
  else queue.receive(message);
});
process.on('disconnect', () => process.exit(0));
// Without this, Node would end the whole child on the first unhandled rejection in app code.
process.on('unhandledRejection', (reason) => queue.unhandledRejection(reason));
send({ type: 'ready' });
