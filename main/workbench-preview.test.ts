import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memorySettings, sampleAppCopy, scratchFolder } from './testing';
import { Workbench } from './workbench';

const benches: Workbench[] = [];
afterEach(() => benches.splice(0).forEach((bench) => bench.close()));

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
    const answer = (await workbench.previewBridgeCall({ previewId: session.previewId, name: 'fetchProduct', payload: { product: 'jira', restPath: '/rest/api/3/issue/DEMO-1', fetchRequestInit: { method: 'GET' } } })) as { status: number };
    expect(answer.status).toBe(401);
    await expect(workbench.previewBridgeCall({ previewId: session.previewId, name: 'invoke', payload: { functionKey: 'getIssueRadar' } })).rejects.toThrow(/getIssueRadar failed/);
    await expect(workbench.previewBridgeCall({ previewId: session.previewId, name: 'openModal' })).rejects.toThrow(/does not answer the bridge call "openModal"/);
    await expect(workbench.previewBridgeCall({ previewId: 'not-a-preview', name: 'getContext' })).rejects.toThrow(/preview is closed/);
  });
});
