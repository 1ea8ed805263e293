import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppCopy } from '../testing';
import { previewConsent } from './preview';

// A Jira app that also searches Confluence: an admin installs it into Jira, so that is the screen to
// show first, and Jira's events are no part of what the Confluence install shows.
function jiraAppThatSearchesConfluence() {
  const folder = sampleAppCopy();
  const text = readFileSync(path.join(folder, 'manifest.yml'), 'utf8').replace(
    '    - storage:app\n',
    '    - storage:app\n    - search:confluence\n    - read:confluence-content.summary\n    - read:confluence-content.all\n',
  );
  return { folder, text };
}

describe('the product an install screen shows', () => {
  it("defaults to the product of the app's modules, not the first product in the alphabet", async () => {
    const { folder, text } = jiraAppThatSearchesConfluence();
    const { screen } = await previewConsent({ appFolder: folder, manifestText: text });
    expect(screen.availableProducts).toEqual(['confluence', 'jira']);
    expect(screen.products).toEqual(['jira']);
    expect(screen.permissions.map((permission) => permission.scope)).toContain('read:jira-work');
  });

  it('defaults to Confluence for a Confluence app that also reads Jira', async () => {
    const folder = sampleAppCopy();
    const text =
      'permissions:\n  scopes:\n    - read:jira-work\nmodules:\n  confluence:globalPage:\n    - key: page\n      resource: main\n      title: Page\n      route: page\nresources:\n  - key: main\n    path: static/radar-page\napp:\n  id: ari:cloud:ecosystem::app/5c1f3b2e-8a4d-4e6b-9f1a-2d7c0e9b4a61\n  runtime:\n    name: nodejs22.x\n';
    const { screen } = await previewConsent({ appFolder: folder, manifestText: text });
    expect(screen.products).toEqual(['confluence']);
  });

  it('shows a Jira event only on the Jira screen, app-wide events on every screen', async () => {
    const { folder, text } = jiraAppThatSearchesConfluence();
    const withForgeEvent = text.replace('        - avi:jira:created:issue\n', '        - avi:jira:created:issue\n        - avi:forge:installed:app\n');
    const confluence = await previewConsent({ appFolder: folder, manifestText: withForgeEvent, product: 'confluence' });
    const events = confluence.screen.capabilities.find((capability) => capability.kind === 'product-events');
    expect(events?.text).toContain('avi:forge:installed:app');
    expect(confluence.screen.capabilities.map((capability) => capability.text).join('\n')).not.toContain('avi:jira:');
    const jira = await previewConsent({ appFolder: folder, manifestText: withForgeEvent, product: 'jira' });
    expect(jira.screen.capabilities.find((capability) => capability.kind === 'product-events')?.text).toContain('avi:jira:created:issue');
  });

  it('leaves the product-events line out of a screen none of whose events belong to its product', async () => {
    const { folder, text } = jiraAppThatSearchesConfluence();
    const confluence = await previewConsent({ appFolder: folder, manifestText: text, product: 'confluence' });
    expect(confluence.screen.capabilities.map((capability) => capability.kind)).not.toContain('product-events');
  });

  it('gives the Confluence content and search scopes a consent title', async () => {
    const { folder, text } = jiraAppThatSearchesConfluence();
    const { screen } = await previewConsent({ appFolder: folder, manifestText: text, product: 'confluence' });
    for (const scope of ['search:confluence', 'read:confluence-content.summary', 'read:confluence-content.all']) {
      const title = screen.permissions.find((permission) => permission.scope === scope)?.title;
      expect(title, scope).toMatch(/\w+ \w+/);
      expect(title, scope).not.toBe(scope);
    }
  });
});
