// `npm run dev [-- app-folder]`: the contributor loop. The renderer is served by Vite with hot reload;
// the core runs as `anvil serve --dev-renderer <Vite's origin>` behind Vite's proxy and is rebuilt and
// restarted when a file under main/ or common/ changes (the page then asks to be opened again: a new
// core means a new one-time link, printed each time).
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { ensureDependencies, ensureSampleAppDependencies, log, ROOT } from './setup.mjs';

const LOOPBACK = '127.0.0.1';
const devPort = Number(process.env.ANVIL_DEV_PORT ?? 5173);
if (!Number.isInteger(devPort) || devPort < 1 || devPort > 65535) {
  console.error(`ANVIL_DEV_PORT must be a port number (1–65535); got ${JSON.stringify(process.env.ANVIL_DEV_PORT)}.`);
  process.exit(2);
}
const devOrigin = `http://${LOOPBACK}:${devPort}`;
const appArgs = process.argv.slice(2);

ensureDependencies();
ensureSampleAppDependencies();

/** A free loopback port for the core, kept across its restarts so Vite's proxy always points at it. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function buildCore() {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'main'], { cwd: ROOT, stdio: 'inherit' });
  return result.status === 0;
}

const corePort = await freePort();
let core = null;

function startCore() {
  core = spawn(process.execPath, [path.join(ROOT, 'out', 'main', 'cli.mjs'), 'serve', '--port', String(corePort), '--dev-renderer', devOrigin, ...appArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  core.stdout.setEncoding('utf8');
  core.stdout.on('data', (text) => {
    // The core prints its own address; the page the developer opens is Vite's, with the same token.
    process.stdout.write(text.replace(`http://${LOOPBACK}:${corePort}/`, `${devOrigin}/`));
  });
}

function stopCore() {
  return new Promise((resolve) => {
    if (!core || core.exitCode !== null) return resolve();
    core.once('exit', () => resolve());
    core.kill('SIGTERM');
  });
}

if (!buildCore()) process.exit(1);
startCore();

const { createServer } = await import('vite');
const target = `http://${LOOPBACK}:${corePort}`;
const vite = await createServer({
  configFile: path.join(ROOT, 'vite.config.ts'),
  server: {
    host: LOOPBACK,
    port: devPort,
    strictPort: true,
    // Vite's page reaches the core through here: Host becomes the core's (its DNS-rebinding check),
    // Origin stays Vite's, which the core accepts because it was started with --dev-renderer.
    proxy: {
      '/anvil-socket': { target, ws: true, changeOrigin: true },
      '/anvil-session': { target, changeOrigin: true },
    },
  },
});
await vite.listen();
log(`renderer with hot reload on ${devOrigin}; core on ${target}, rebuilt when main/ or common/ change`);

let pending = null;
for (const folder of ['main', 'common']) {
  watch(path.join(ROOT, folder), { recursive: true }, (_event, file) => {
    if (!file || !/\.(ts|mjs|cjs|json)$/.test(file) || /\.test\.ts$/.test(file)) return;
    clearTimeout(pending);
    pending = setTimeout(async () => {
      log(`${folder}/${file} changed: rebuilding the core`);
      if (!buildCore()) return log('the core did not build; fix the error above and save again');
      await stopCore();
      startCore();
    }, 200);
  });
}

async function shutDown() {
  await stopCore();
  await vite.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
