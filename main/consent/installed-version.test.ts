import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CloudVersionDetails } from '../cloud';
import { sampleAppCopy } from '../testing';
import { installedVersionLabel } from './installed-version';
import { previewConsent } from './preview';

/** What the sample app (resources/sample-app) asks for, as the platform would keep it for a deployed version. */
function sampleAsDeployed(): CloudVersionDetails {
  return {
    version: '4.2.0',
    environment: 'staging',
    scopes: ['read:jira-work', 'storage:app'],
    egress: [{ type: 'FETCH_BACKEND_SIDE', addresses: ['api.github.com'], category: null, inScopeEUD: null }],
    securityPolicies: [],
    modules: [
      { key: 'issue-radar-panel', extensionData: { type: 'jira:issuePanel' } },
      { key: 'deployment-webhook', extensionData: { type: 'core:webtrigger', function: 'record-deployment' } },
      { key: 'resolver', extensionData: { type: 'core:function', handler: 'index.handler' } },
    ],
    requiresLicense: false,
  };
}

async function upgradeFrom(details: CloudVersionDetails, edit: (text: string) => string = (text) => text) {
  const folder = sampleAppCopy();
  const text = edit(readFileSync(path.join(folder, 'manifest.yml'), 'utf8'));
  const asked: string[] = [];
  const preview = await previewConsent({
    appFolder: folder,
    manifestText: text,
    base: { kind: 'installation', installation: 'inst-1' },
    installedVersion: async (installation) => {
      asked.push(installation);
      return { details, label: installedVersionLabel(details.version, 'acme.atlassian.net', details.environment) };
    },
  });
  expect(asked).toEqual(['inst-1']);
  return preview.upgrade!;
}

describe('the version an installation runs in the cloud, as the consent base', () => {
  it('is a minor upgrade when the manifest asks for what the installed version already had', async () => {
    const upgrade = await upgradeFrom(sampleAsDeployed());
    expect(upgrade.base).toBe('version 4.2.0 installed on acme.atlassian.net (staging)');
    expect(upgrade.reasons).toEqual([]);
    expect(upgrade.major).toBe(false);
  });

  it("compares a remote's base URL as a remote, not as the backend fetch the platform also lists it as", async () => {
    const installed = sampleAsDeployed();
    installed.egress[0]!.addresses.push('https://remote.example.com');
    installed.modules.push({ key: 'radar-remote', extensionData: { type: 'core:remote', baseUrl: 'https://remote.example.com' } });
    const upgrade = await upgradeFrom(installed, (text) => `${text}remotes:\n  - key: radar-remote\n    baseUrl: https://remote.example.com\n`);
    expect(upgrade.reasons).toEqual([]);
    expect([...upgrade.added.egress, ...upgrade.removed.egress, ...upgrade.added.remotes, ...upgrade.removed.remotes]).toEqual([]);
  });

  it('makes the upgrade major when the manifest adds a scope since the installed version, and names it', async () => {
    const installed = { ...sampleAsDeployed(), scopes: ['read:jira-work'] };
    const upgrade = await upgradeFrom(installed);
    expect(upgrade.major).toBe(true);
    expect(upgrade.reasons).toEqual(['adds the scope storage:app']);
    expect(upgrade.screen.permissions.map((permission) => permission.scope)).toEqual(['storage:app']);
  });

  it('names an egress domain added since the installed version, by kind', async () => {
    const upgrade = await upgradeFrom(sampleAsDeployed(), (text) => text.replace('        - address: api.github.com\n', '        - address: api.github.com\n        - address: hooks.slack.com\n'));
    expect(upgrade.major).toBe(true);
    expect(upgrade.reasons).toEqual(['allows data to go to a new place: backend fetch hooks.slack.com']);
  });

  it("reads the platform's egress types as the manifest's kinds, so the same domain of another kind is a change", async () => {
    const installed = sampleAsDeployed();
    installed.egress = [{ type: 'FETCH_CLIENT_SIDE', addresses: ['api.github.com'], category: null, inScopeEUD: null }];
    const upgrade = await upgradeFrom(installed);
    expect(upgrade.added.egress).toEqual(['backend fetch api.github.com']);
    expect(upgrade.removed.egress).toEqual(['frontend fetch api.github.com']);
  });

  it('notices licensing turned on and a static web trigger turned dynamic since the installed version', async () => {
    const installed = sampleAsDeployed();
    installed.modules = installed.modules.map((module) => (module.key === 'deployment-webhook' ? { ...module, extensionData: { ...module.extensionData, response: { type: 'static' } } } : module));
    const upgrade = await upgradeFrom(installed, (text) => text.replace('  runtime:\n', '  licensing:\n    enabled: true\n  runtime:\n'));
    expect(upgrade.reasons).toEqual(expect.arrayContaining(['turns on licensing', 'turns the static web trigger deployment-webhook dynamic']));
  });
});
