import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appDataFolder } from './app';
import { dispatchCall } from './contract';
import { openFileSettings } from './settings';
import { oneFunctionManifest, scratchFolder, smallApp } from './testing';
import { Workbench } from './workbench';

const benches: Workbench[] = [];
afterEach(() => benches.splice(0).forEach((bench) => bench.close()));

const SOURCE = `export async function main() { return { answer: 42 }; }\n`;

function workbenchWithDataFolder() {
  const dataDir = scratchFolder();
  const workbench = new Workbench({ shell: 'web', version: 'test', settings: openFileSettings(dataDir), dataDir });
  benches.push(workbench);
  const call = async (method: string, request?: unknown) => {
    const outcome = (await dispatchCall(workbench, method, request)) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!outcome.ok) throw new Error(outcome.error?.message);
    return outcome.value;
  };
  return { dataDir, call };
}

describe('opening an app that cannot be opened while another is open', () => {
  it('keeps the open app working when the new one has a damaged database', async () => {
    const { dataDir, call } = workbenchWithDataFolder();
    const good = smallApp(oneFunctionManifest(), SOURCE);
    await call('openApp', { folder: good });
    expect(await call('runFunction', { functionKey: 'main' })).toMatchObject({ status: 'ok', result: { answer: 42 } });

    const broken = smallApp(oneFunctionManifest(), SOURCE);
    const database = path.join(appDataFolder(dataDir, broken), 'anvil.db');
    mkdirSync(path.dirname(database), { recursive: true });
    writeFileSync(database, 'this is not a database, and no SQLite page either '.repeat(200));

    await expect(call('openApp', { folder: broken })).rejects.toThrow(/anvil\.db/);
    expect(await call('getCurrentApp')).toMatchObject({ folder: good });
    expect(await call('runFunction', { functionKey: 'main' })).toMatchObject({ status: 'ok', result: { answer: 42 } });
    expect(await call('listStorage', { environment: 'development' })).toEqual(expect.any(Array));
    expect(await call('readManifest')).toMatchObject({ text: oneFunctionManifest() });
  });

  it('keeps the open app working when the new folder has no manifest', async () => {
    const { call } = workbenchWithDataFolder();
    const good = smallApp(oneFunctionManifest(), SOURCE);
    await call('openApp', { folder: good });
    const empty = scratchFolder();
    await expect(call('openApp', { folder: empty })).rejects.toThrow(/manifest\.yml/);
    expect(await call('getCurrentApp')).toMatchObject({ folder: good });
    expect(await call('runFunction', { functionKey: 'main' })).toMatchObject({ status: 'ok', result: { answer: 42 } });
  });
});
