import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCall } from './contract';
import { openFileSettings } from './settings';
import { scratchFolder } from './testing';
import { Workbench } from './workbench';

const benches: Workbench[] = [];
afterEach(() => benches.splice(0).forEach((bench) => bench.close()));

function workbenchOver(dataDir: string) {
  const bench = new Workbench({ shell: 'web', version: 'test', settings: openFileSettings(dataDir), dataDir });
  benches.push(bench);
  return (method: string, request?: unknown) => dispatchCall(bench, method, request) as Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
}

describe("the workbench page's preferences", () => {
  it('outlast the page and the process: a later Anvil on the same data folder (another port, another origin) has them', async () => {
    const dataDir = scratchFolder();
    const first = workbenchOver(dataDir);
    expect(await first('setPreference', { key: 'theme', value: 'light' })).toMatchObject({ ok: true });
    expect(await first('setPreference', { key: 'layout.sizes', value: '{"sidebar":280}' })).toMatchObject({ ok: true });
    expect(await first('setPreference', { key: 'guide.seen', value: '1' })).toMatchObject({ ok: true });
    expect(await first('setPreference', { key: 'guide.seen', value: null })).toMatchObject({ ok: true });
    const later = workbenchOver(dataDir);
    expect(await later('getPreferences')).toEqual({ ok: true, value: { theme: 'light', 'layout.sizes': '{"sidebar":280}' } });
  });

  it('refuses names that are not short words, values over 4 KB and more than 64 names, and keeps what was stored', async () => {
    const call = workbenchOver(scratchFolder());
    await call('setPreference', { key: 'theme', value: 'dark' });
    for (const key of ['__proto__', 'Theme', '../theme', 'a'.repeat(65), 'two words']) {
      expect(await call('setPreference', { key, value: 'x' })).toMatchObject({ ok: false });
    }
    expect(await call('setPreference', { key: 'big', value: 'x'.repeat(4097) })).toMatchObject({ ok: false, error: { message: expect.stringContaining('4 KB') } });
    for (let index = 1; index < 64; index++) await call('setPreference', { key: `pane${index}`, value: 'open' });
    expect(await call('setPreference', { key: 'one-more', value: 'x' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('at most 64') } });
    expect(await call('setPreference', { key: 'theme', value: 'light' })).toMatchObject({ ok: true });
    const stored = (await call('getPreferences')).value as Record<string, string>;
    expect(Object.keys(stored)).toHaveLength(64);
    expect(stored.theme).toBe('light');
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
  });
});
