import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatchCall } from './contract';
import { largeManifest, realManifest } from './testing/large-manifest';
import { revisionOf, sharedSchemaValidator } from './manifest';
import { memorySettings, sampleAppCopy } from './testing';
import { Workbench } from './workbench';

// Every YAML parse of a whole manifest, counted by its text: what one keystroke costs the core.
const parsed = vi.hoisted(() => ({ texts: [] as string[] }));
vi.mock('yaml', async (original) => {
  const yaml = await original<typeof import('yaml')>();
  return {
    ...yaml,
    parseDocument: (...args: Parameters<typeof yaml.parseDocument>) => {
      parsed.texts.push(args[0]);
      return yaml.parseDocument(...args);
    },
  };
});

const benches: Workbench[] = [];
afterEach(() => {
  benches.splice(0).forEach((bench) => bench.close());
  vi.restoreAllMocks();
});

async function openBench(manifest?: string) {
  const folder = sampleAppCopy();
  if (manifest !== undefined) writeFileSync(path.join(folder, 'manifest.yml'), manifest);
  const workbench = new Workbench({ shell: 'web', version: 'test', settings: memorySettings() });
  benches.push(workbench);
  const summary = await workbench.openApp({ folder });
  return { workbench, folder, summary };
}

const parsesOf = (text: string) => parsed.texts.filter((candidate) => candidate === text).length;

describe('a manifest of megabytes', () => {
  it('gets its diagnostic and an answer from every pane naming its size, the limit and the fix, without being parsed', async () => {
    const manifest = largeManifest(5 * 1024 * 1024);
    const size = `${Math.ceil(Buffer.byteLength(manifest) / 1024).toLocaleString('en-US')} KB`;
    const { workbench, summary } = await openBench(manifest);
    // The header still names the app: its id is read from the app block alone.
    const appId = /^\s+id:\s*(ari:cloud:ecosystem::app\/[\w-]+)/m.exec(realManifest())?.[1];
    expect(appId).toBeDefined();
    expect(summary.appId).toBe(appId);

    const report = await workbench.analyzeManifest({ text: manifest });
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ code: 'manifest-too-large', severity: 'error', line: 1 });
    expect(report.diagnostics[0]!.message).toMatch(new RegExp(`^manifest\\.yml is ${size}; the platform accepts at most 200 KB.*Move large content`));

    const panes = {
      consent: await dispatchCall(workbench, 'previewConsent', { text: manifest }),
      preview: await dispatchCall(workbench, 'listPreviewModules', undefined),
      triggers: await dispatchCall(workbench, 'getTriggers', { environment: 'development' }),
      runner: await dispatchCall(workbench, 'listRunnableFunctions', { environment: 'development' }),
    };
    expect(panes.consent).toMatchObject({ error: { message: expect.stringContaining('Anvil shows no install screen for it') } });
    expect(panes.preview).toMatchObject({ error: { message: expect.stringContaining('Anvil shows no UI modules to preview for it') } });
    for (const [pane, outcome] of Object.entries(panes)) {
      expect(outcome, pane).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      const message = (outcome as { error: { message: string } }).error.message;
      expect(message, pane).toContain(`manifest.yml is ${size}`);
      expect(message, pane).toContain('200 KB');
      expect(message, pane).toContain('Move large content');
    }
    expect(parsesOf(manifest)).toBe(0);
  });
});

describe('what one keystroke costs', () => {
  it('a newer edit supersedes an older analysis: the older one is never delivered, and only the newer one is validated', async () => {
    const { workbench, folder } = await openBench();
    const sample = readFileSync(path.join(folder, 'manifest.yml'), 'utf8');
    await sharedSchemaValidator().whenReady();
    await workbench.analyzeManifest({ text: sample });
    const schema = sharedSchemaValidator();
    const realValidate = schema.validate.bind(schema);
    const validate = vi.spyOn(schema, 'validate');

    const older = workbench.analyzeManifest({ text: `${sample}# typing a\n` });
    const newer = workbench.analyzeManifest({ text: `${sample}# typing ab\n` });
    const [olderOutcome, newerOutcome] = await Promise.allSettled([older, newer]);
    expect(olderOutcome).toMatchObject({ status: 'rejected', reason: { code: 'superseded' } });
    expect(newerOutcome.status).toBe('fulfilled');
    expect(validate).toHaveBeenCalledTimes(1);
    expect(parsesOf(`${sample}# typing a\n`)).toBe(0);

    // The next keystroke arrives while the previous one's schema check runs: that one is dropped when the check ends.
    let during: Promise<unknown> | null = null;
    validate.mockImplementationOnce((value) => {
      during = workbench.analyzeManifest({ text: `${sample}# typing abd\n` });
      return realValidate(value);
    });
    const interrupted = await Promise.allSettled([workbench.analyzeManifest({ text: `${sample}# typing abc\n` })]);
    expect(interrupted[0]).toMatchObject({ status: 'rejected', reason: { code: 'superseded' } });
    expect(await during).toMatchObject({ revision: revisionOf(`${sample}# typing abd\n`) });
  });

  it('an edit is parsed once for the editor and the Consent pane, and an unchanged one is not parsed or validated again', async () => {
    const { workbench, folder } = await openBench();
    const text = `${readFileSync(path.join(folder, 'manifest.yml'), 'utf8')}# an edit\n`;
    await sharedSchemaValidator().whenReady();
    await workbench.analyzeManifest({ text: 'app: {}\n' });
    const validate = vi.spyOn(sharedSchemaValidator(), 'validate');

    const [report, consent] = await Promise.all([workbench.analyzeManifest({ text }), workbench.previewConsent({ text })]);
    expect(report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(consent.screen.permissions.map((permission) => permission.scope)).toContain('read:jira-work');
    expect(parsesOf(text)).toBe(1);
    expect(validate).toHaveBeenCalledTimes(1);

    // Asked again (a source file changed, the pane was shown again): the same text is neither parsed nor validated anew.
    await workbench.analyzeManifest({ text });
    await workbench.previewConsent({ text });
    expect(parsesOf(text)).toBe(1);
    expect(validate).toHaveBeenCalledTimes(1);
  });
});
