import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memorySettings, sampleAppCopy, scratchFolder } from './testing';
import { startWebShell, type WebShell } from './web';
import { Workbench } from './workbench';

const benches: Workbench[] = [];
const shells: WebShell[] = [];
afterEach(async () => {
  for (const shell of shells.splice(0)) await shell.close();
  benches.splice(0).forEach((bench) => bench.close());
});

/** Edit the copied sample app's manifest. */
function editManifest(folder: string, edit: (text: string) => string): void {
  const manifest = path.join(folder, 'manifest.yml');
  writeFileSync(manifest, edit(readFileSync(manifest, 'utf8')));
}

/** A GET to the preview server as the browser sends it (Host of the page's own origin), on loopback. */
function previewGet(url: string, upgrade = false): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    if (upgrade) {
      const socket = net.connect(Number(target.port), '127.0.0.1', () =>
        socket.write(`GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nOrigin: ${target.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), body: text }));
      socket.on('error', reject);
      return;
    }
    const request = http.request({ host: '127.0.0.1', port: target.port, path: target.pathname, headers: { host: target.host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

async function previewOf(folder = sampleAppCopy()) {
  const workbench = new Workbench({ shell: 'web', version: 'test', settings: memorySettings(), dataDir: scratchFolder() });
  benches.push(workbench);
  await workbench.openApp({ folder });
  await workbench.attachShell('http://127.0.0.1:5999');
  const session = await workbench.openPreview({ moduleKey: 'radar-page', environment: 'development', context: { extension: { project: { key: 'OPS' } } } });
  return { workbench, session, folder };
}

describe('Custom UI preview bridge', () => {
  it('serves the page on an origin other than the workbench and answers getContext with the module and the chosen context', async () => {
    const { workbench, session } = await previewOf();
    expect(session.url.startsWith(`${session.origin}/p/`)).toBe(true);
    expect(session.origin).not.toBe('http://127.0.0.1:5999');
    const context = (await workbench.previewBridgeCall({ previewId: session.previewId, name: 'getContext' })) as { moduleKey: string; extension: { project: { key: string } } };
    expect(context).toMatchObject({ moduleKey: 'radar-page', extension: { project: { key: 'OPS' } } });
  });

  it('sends requestJira from the page through the gateway: refused without the scope, naming it', async () => {
    const folder = sampleAppCopy();
    const manifest = path.join(folder, 'manifest.yml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('    - read:jira-work\n', ''));
    const { workbench, session } = await previewOf(folder);
    const answer = (await workbench.previewBridgeCall({
      previewId: session.previewId,
      name: 'fetchProduct',
      payload: { product: 'jira', restPath: '/rest/api/3/issue/DEMO-1', fetchRequestInit: { method: 'GET' } },
    })) as { status: number };
    expect(answer.status).toBe(401);
    await expect(workbench.previewBridgeCall({ previewId: session.previewId, name: 'invoke', payload: { functionKey: 'getIssueRadar' } })).rejects.toThrow(/getIssueRadar failed/);
    await expect(workbench.previewBridgeCall({ previewId: session.previewId, name: 'openModal' })).rejects.toThrow(/does not answer the bridge call "openModal"/);
    await expect(workbench.previewBridgeCall({ previewId: 'not-a-preview', name: 'getContext' })).rejects.toThrow(/preview is closed/);
  });

  it('answers invoke only with the resolver of the page’s own module: never a function key, never another module’s resolver', async () => {
    const folder = sampleAppCopy();
    // A second page with a resolver of its own, declared after the first.
    editManifest(folder, (text) =>
      text
        .replace('  scheduledTrigger:\n', '    - key: other-page\n      resource: radar-page\n      resolver:\n        function: other-resolver\n      title: Other\n  scheduledTrigger:\n')
        .replace('  function:\n', '  function:\n    - key: other-resolver\n      handler: index.otherHandler\n'),
    );
    const source = path.join(folder, 'src', 'index.js');
    writeFileSync(
      source,
      `${readFileSync(source, 'utf8')}\nconst other = new Resolver();\nother.define('whoAnswers', () => 'the other page\\'s resolver');\nexport const otherHandler = other.getDefinitions();\n`,
    );
    const { workbench } = await previewOf(folder);
    // The default context: an issue, which getIssueRadar reads.
    const session = await workbench.openPreview({ moduleKey: 'radar-page', environment: 'development' });
    const invoke = (previewId: string, key: string, payload?: unknown) => workbench.previewBridgeCall({ previewId, name: 'invoke', payload: { functionKey: key, payload } });

    // A function key (the web trigger's function, which would store a deployment) is a resolver definition key like any other: not found.
    await expect(invoke(session.previewId, 'record-deployment', { body: JSON.stringify({ version: '6.6.6', environment: 'production' }) })).rejects.toThrow(
      "Resolver has no definition for 'record-deployment'",
    );
    const radar = (await invoke(session.previewId, 'getIssueRadar')) as { lastDeployment: unknown };
    expect(radar.lastDeployment).toBeNull();

    // The other page reaches its own resolver, and not the first page's.
    const other = await workbench.openPreview({ moduleKey: 'other-page', environment: 'development' });
    await expect(invoke(other.previewId, 'whoAnswers')).resolves.toBe("the other page's resolver");
    await expect(invoke(other.previewId, 'getIssueRadar')).rejects.toThrow("Resolver has no definition for 'getIssueRadar'");
    await expect(invoke(session.previewId, 'whoAnswers')).rejects.toThrow("Resolver has no definition for 'whoAnswers'");
  });

  it('refuses a module without a resolver function plainly', async () => {
    const folder = sampleAppCopy();
    editManifest(folder, (text) => text.replace('      resource: radar-page\n      resolver:\n        function: resolver\n', '      resource: radar-page\n'));
    const { workbench, session } = await previewOf(folder);
    await expect(workbench.previewBridgeCall({ previewId: session.previewId, name: 'invoke', payload: { functionKey: 'getIssueRadar' } })).rejects.toThrow('the module "radar-page" has no resolver');
  });

  it('refuses to preview a resources[].path outside the app folder, naming the setting', async () => {
    const folder = sampleAppCopy();
    editManifest(folder, (text) => text.replace('    path: static/radar-page\n', '    path: ../..\n'));
    const workbench = new Workbench({ shell: 'web', version: 'test', settings: memorySettings(), dataDir: scratchFolder() });
    benches.push(workbench);
    await workbench.openApp({ folder });
    await workbench.attachShell('http://127.0.0.1:5999');
    await expect(workbench.openPreview({ moduleKey: 'radar-page', environment: 'development' })).rejects.toThrow('resources[].path "../.." of resource "radar-page" points outside the app folder');
  });

  it('gives two apps’ previews different origins', async () => {
    const first = await previewOf();
    const second = await previewOf();
    expect(first.session.origin).not.toBe(second.session.origin);
    expect(new URL(first.session.origin).hostname).toMatch(/^[0-9a-f]{16}\.localhost$/);
  });

  it('never lets resources[].tunnel.port point the preview at the web shell', async () => {
    const folder = sampleAppCopy();
    const rendererDir = scratchFolder();
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Anvil</title>');
    const workbench = new Workbench({ shell: 'web', version: 'test', settings: memorySettings(), dataDir: scratchFolder() });
    benches.push(workbench);
    await workbench.openApp({ folder });
    const shell = await startWebShell({ workbench, rendererDir, port: 0 });
    shells.push(shell);
    // The hostile manifest: the page's "dev server" is the workbench itself.
    editManifest(folder, (text) => text.replace('    path: static/radar-page\n', `    tunnel:\n      port: ${shell.port}\n`));
    let session = await workbench.openPreview({ moduleKey: 'radar-page', environment: 'development' });
    for (let attempt = 0; attempt < 50 && (await workbench.listPreviewModules()).find((module) => module.moduleKey === 'radar-page')?.tunnelPort !== shell.port; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      session = await workbench.openPreview({ moduleKey: 'radar-page', environment: 'development' });
    }
    const page = await previewGet(session.url);
    expect(page.status).toBe(403);
    expect(page.body).toContain(`resources[].tunnel.port of resource "radar-page" is ${shell.port}, a port Anvil itself listens on`);
    const socket = await previewGet(session.url, true);
    expect(socket.status).toBe(403);
    // No switch to a WebSocket (a port number may well contain "101": look for the status line).
    expect(socket.body).not.toContain('101 Switching Protocols');
  });
});
