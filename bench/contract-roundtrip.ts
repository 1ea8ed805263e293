/**
 * Cost of one contract call through the web shell (WebSocket, validation, dispatch), against a
 * baseline measured in the same run: a bare `ws` echo server on loopback with the same payload.
 * Prints figures; it is not a pass/fail test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { sampleAppFolder } from '../main/project-root';
import { openFileSettings } from '../main/settings';
import { startWebShell } from '../main/web';
import { Workbench } from '../main/workbench';
import { printFigures, timeRoundTrips } from './measure';

const CALLS = 2000;
const WARM_UP = 200;

async function main() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-'));
  writeFileSync(path.join(scratch, 'index.html'), '');
  const workbench = new Workbench({ shell: 'web', version: 'bench', settings: openFileSettings(scratch) });
  await workbench.openApp({ folder: sampleAppFolder() });
  const shell = await startWebShell({ workbench, rendererDir: scratch, port: 0, log: () => {} });
  const session = await exchangeToken(shell.port, shell.token);
  const socket = await open(`ws://127.0.0.1:${shell.port}/anvil-socket`, `http://127.0.0.1:${shell.port}`, session);
  let id = 0;
  const anvil = await timeRoundTrips(socket, CALLS, WARM_UP, () => JSON.stringify({ kind: 'call', id: ++id, method: 'readManifest' }));

  const manifest = await workbench.readManifest();
  const server = createServer();
  const echo = new WebSocketServer({ server });
  echo.on('connection', (client) => client.on('message', () => client.send(JSON.stringify({ kind: 'reply', id: 0, outcome: { ok: true, value: manifest } }))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const baselineSocket = await open(`ws://127.0.0.1:${port}/`, 'http://127.0.0.1', '');
  const baseline = await timeRoundTrips(baselineSocket, CALLS, WARM_UP, () => JSON.stringify({ kind: 'call', id: ++id, method: 'readManifest' }));

  printFigures('readManifest over the web shell', anvil, 'bare ws echo of the same reply', baseline);
  socket.close();
  baselineSocket.close();
  echo.close();
  server.close();
  workbench.close();
  await shell.close();
}

/** The web shell's one-time token, traded for a session secret as its page does. */
async function exchangeToken(port: number, token: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/anvil-session`, {
    method: 'POST',
    headers: { Origin: `http://127.0.0.1:${port}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const body = (await response.json()) as { session?: string; error?: string };
  if (!body.session) throw new Error(`no session: ${body.error ?? response.status}`);
  return body.session;
}

function open(url: string, origin: string, session: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, session ? ['anvil', `anvil-session.${session}`] : [], { origin });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

void main();
