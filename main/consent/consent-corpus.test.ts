import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import type { CommandIO } from '../commands';
import { scratchFolder } from '../testing';
import { consentJson } from './render-json';
import { previewConsent } from './preview';
import { sharedDataFolder } from '../testing/shared-data';

const { folder: CORPUS, present: hasCorpus } = sharedDataFolder('corpus', 'manifests');

function corpusApp(name: string): { folder: string; text: string } {
  const folder = path.join(scratchFolder(), 'app');
  mkdirSync(folder);
  const text = readFileSync(path.join(CORPUS, name), 'utf8');
  writeFileSync(path.join(folder, 'manifest.yml'), text);
  return { folder, text };
}

async function cliJson(args: string[]): Promise<unknown> {
  const out: string[] = [];
  const io: CommandIO = { out: (line) => out.push(line), err: () => undefined, untilInterrupted: () => Promise.resolve() };
  expect(await runCli(args, io)).toBe(0);
  return JSON.parse(out.join('\n'));
}

describe.skipIf(!hasCorpus)('consent for real apps (skipped: ../shared/corpus is absent)', () => {
  it('the checklist extension: project admin scope, and frontend fetch to every site stands out', async () => {
    const { folder } = corpusApp('imahiro-t_checklist-jira-extension__manifest.yml');
    const { screen } = await previewConsent({ appFolder: folder });
    expect(screen.permissions.map((permission) => [permission.scope, permission.power])).toEqual([
      ['manage:jira-project', 'admin'],
      ['read:jira-work', 'read'],
      ['write:jira-work', 'write'],
    ]);
    expect(screen.egress).toContainEqual({ kind: 'frontend fetch', address: '*', analytics: false, global: true });
  });

  it('the command line prints the same model the pane shows', async () => {
    const { folder } = corpusApp('blueorbitz_conf-blockscan__manifest.yml');
    const fromCli = await cliJson(['consent', folder, '--format', 'json']);
    expect(fromCli).toEqual(consentJson(await previewConsent({ appFolder: folder })));
    expect(fromCli).toMatchObject({ products: ['confluence'] });
  });

  it('an upgrade that adds a scope to a real manifest is major; one that adds only a module is minor', async () => {
    const { folder, text } = corpusApp('Mont-E2805_jira-release-dashboard__manifest.yml');
    writeFileSync(path.join(folder, 'installed.yml'), text);
    const withScope = text.replace('    - read:jira-work', '    - read:jira-work\n    - write:jira-work');
    writeFileSync(path.join(folder, 'manifest.yml'), withScope);
    const major = (await cliJson(['consent', folder, '--base-manifest', path.join(folder, 'installed.yml'), '--format', 'json'])) as { upgrade: { major: boolean; reasons: string[] } };
    expect(major.upgrade).toMatchObject({ major: true, reasons: ['adds the scope write:jira-work'] });

    const withModule = text.replace('  function:\n', '  jira:issuePanel:\n    - key: release-panel\n      resource: main\n      title: Releases\n      icon: https://example.com/i.svg\n  function:\n');
    expect(withModule).not.toBe(text);
    const minor = await previewConsent({ appFolder: folder, manifestText: withModule, base: { kind: 'file', path: 'installed.yml' } });
    expect(minor.upgrade).toMatchObject({ major: false, reasons: [] });
  });
});
