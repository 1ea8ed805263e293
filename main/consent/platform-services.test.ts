import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppCopy } from '../testing';
import { previewConsent } from './preview';

describe('platform services on the install screen', () => {
  it('says the app uses Atlassian-hosted AI models (naming the families) and stores data in Forge SQL', async () => {
    const folder = sampleAppCopy();
    const manifest = path.join(folder, 'manifest.yml');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace('modules:\n', 'modules:\n  llm:\n    - key: summariser\n      model:\n        - claude\n  sql:\n    - key: main\n      engine: mysql\n'),
    );
    const { screen } = await previewConsent({ appFolder: folder });
    const services = screen.capabilities.filter((capability) => capability.kind === 'platform-service');
    expect(services).toEqual([
      { kind: 'platform-service', text: expect.stringContaining('Forge SQL'), sources: ['main'] },
      { kind: 'platform-service', text: expect.stringMatching(/^Uses Atlassian-hosted AI models \(Forge LLMs: claude\)/), sources: ['summariser'] },
    ]);
  });

  it('says nothing of them for an app that declares neither', async () => {
    const { screen } = await previewConsent({ appFolder: sampleAppCopy() });
    expect(screen.capabilities.map((capability) => capability.kind)).not.toContain('platform-service');
  });
});
