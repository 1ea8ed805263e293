import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppCopy, scratchFolder } from '../testing';
import { saveSnapshot } from './consent-bases';
import { previewConsent } from './preview';

const sampleManifest = (folder: string) => readFileSync(path.join(folder, 'manifest.yml'), 'utf8');

describe('the install screen', () => {
  it('shows the sample app as an admin installing it into Jira would see it', async () => {
    const folder = sampleAppCopy();
    const { screen, upgrade } = await previewConsent({ appFolder: folder });
    expect(upgrade).toBeNull();
    expect(screen.app).toMatchObject({ name: 'issue-radar', environment: 'development' });
    expect(screen.products).toEqual(['jira']);
    expect(screen.permissions.map((permission) => [permission.product, permission.scope, permission.title])).toEqual([
      ['jira', 'read:jira-work', 'View Jira issue data'],
      ['app', 'storage:app', null],
    ]);
    expect(screen.egress).toEqual([{ kind: 'backend fetch', address: 'api.github.com', analytics: false, global: false }]);
    expect(screen.capabilities.map((capability) => capability.kind)).toEqual(['schedule', 'product-events', 'web-trigger', 'queue']);
    expect(screen.capabilities[0]!.text).toContain('every day');
    expect(screen.userConsent).toBe(false);
  });

  it('makes powerful permissions and user consent stand out, and shows only the chosen product', async () => {
    const folder = sampleAppCopy();
    const text = sampleManifest(folder).replace('    - storage:app\n', '    - storage:app\n    - manage:jira-configuration\n    - read:me\n    - write:confluence-content\n');
    const jira = await previewConsent({ appFolder: folder, manifestText: text, product: 'jira' });
    expect(jira.screen.availableProducts).toEqual(['confluence', 'jira']);
    expect(jira.screen.permissions.find((permission) => permission.scope === 'manage:jira-configuration')).toMatchObject({ power: 'admin', powerful: true });
    expect(jira.screen.permissions.some((permission) => permission.scope === 'write:confluence-content')).toBe(false);
    expect(jira.screen.userConsent).toBe(true);
    expect(jira.screen.userConsentReasons).toEqual(['the app asks for read:me']);
    const confluence = await previewConsent({ appFolder: folder, manifestText: text, product: 'confluence' });
    expect(confluence.screen.permissions.map((permission) => permission.scope)).toEqual(['storage:app', 'read:me', 'write:confluence-content']);
    await expect(previewConsent({ appFolder: folder, manifestText: text, product: 'bitbucket' })).rejects.toThrow('touches confluence, jira');
  });
});

describe('the upgrade view', () => {
  it('a new scope makes a major version, and says which line causes it', async () => {
    const folder = sampleAppCopy();
    const dataDir = scratchFolder();
    await saveSnapshot(folder, dataDir, sampleManifest(folder));
    const text = sampleManifest(folder).replace('    - storage:app\n', '    - storage:app\n    - write:jira-work\n');
    const { upgrade } = await previewConsent({ appFolder: folder, manifestText: text, base: { kind: 'snapshot' }, dataDir });
    expect(upgrade).toMatchObject({ major: true, reasons: ['adds the scope write:jira-work'] });
    expect(upgrade!.added.scopes).toEqual(['write:jira-work']);
    expect(upgrade!.screen.permissions.map((permission) => permission.scope)).toEqual(['write:jira-work']);
    expect(upgrade!.base).toMatch(/^snapshot of /);
  });

  it('a new module alone is a minor version', async () => {
    const folder = sampleAppCopy();
    const base = sampleManifest(folder);
    const text = base.replace('  function:\n', '  jira:issueAction:\n    - key: radar-action\n      resource: main\n      title: Radar\n  function:\n');
    writeFileSync(path.join(folder, 'base.yml'), base);
    const { upgrade } = await previewConsent({ appFolder: folder, manifestText: text, base: { kind: 'file', path: 'base.yml' } });
    expect(upgrade).toMatchObject({ major: false, reasons: [] });
    expect(upgrade!.added.scopes).toEqual([]);
  });

  it('compares with a git revision, and names the egress, web trigger and licensing changes', async () => {
    const folder = sampleAppCopy();
    const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@example.com' };
    for (const args of [
      ['init', '-q'],
      ['add', '.'],
      ['commit', '-q', '-m', 'v1'],
    ])
      execFileSync('git', args, { cwd: folder, env: gitEnv });
    const text = sampleManifest(folder)
      .replace('        - address: api.github.com\n', '        - address: api.github.com\n        - address: hooks.slack.com\n')
      .replace('  id: ari:', '  licensing:\n    enabled: true\n  id: ari:')
      .replace('    - storage:app\n', '');
    const { upgrade } = await previewConsent({ appFolder: folder, manifestText: text, base: { kind: 'git', revision: 'HEAD' } });
    expect(upgrade!.base).toBe('git HEAD');
    expect(upgrade!.reasons).toEqual(['removes the scope storage:app (removing a scope also needs approval)', 'allows data to go to a new place: backend fetch hooks.slack.com', 'turns on licensing']);
    await expect(previewConsent({ appFolder: folder, manifestText: text, base: { kind: 'git', revision: '--output=/tmp/x' } })).rejects.toThrow('not a git revision Anvil accepts');
    await expect(previewConsent({ appFolder: folder, manifestText: text, base: { kind: 'git', revision: 'no-such-tag' } })).rejects.toThrow('git has no manifest.yml at revision "no-such-tag"');
  });

  it('says what to do when there is no snapshot yet', async () => {
    await expect(previewConsent({ appFolder: sampleAppCopy(), base: { kind: 'snapshot' }, dataDir: scratchFolder() })).rejects.toThrow('No snapshot of the installed version has been saved');
  });
});
