import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppCopy, scratchFolder } from '../testing';
import { describeAppFolder } from './app-folder';

describe('opening an app folder', () => {
  it('names the app from package.json and reads its id and environments', async () => {
    const summary = await describeAppFolder(sampleAppCopy());
    expect(summary.name).toBe('issue-radar');
    expect(summary.appId).toBe('ari:cloud:ecosystem::app/5c1f3b2e-8a4d-4e6b-9f1a-2d7c0e9b4a61');
    expect(summary.environments.map((environment) => environment.key)).toEqual(['development', 'staging', 'production']);
  });

  it('falls back to the folder name, and still opens a manifest that does not parse', async () => {
    const folder = path.join(scratchFolder(), 'half-written-app');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'manifest.yml'), 'app: [unclosed\n');
    const summary = await describeAppFolder(folder);
    expect(summary).toMatchObject({ name: 'half-written-app', appId: null });
  });

  it('explains what is wrong with a folder that is not an app', async () => {
    const folder = sampleAppCopy();
    rmSync(path.join(folder, 'manifest.yml'));
    await expect(describeAppFolder(folder)).rejects.toThrow(/has no manifest\.yml\. Choose the folder of a Forge app/);
    await expect(describeAppFolder(path.join(folder, 'nope'))).rejects.toMatchObject({ code: 'not-an-app-folder' });
  });
});
