import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSupported, nodeRuntime, outsideArchive, type RuntimeProbe } from './node-runtime';
import { scratchFolder } from './testing';

/** A folder with a file named `node`, standing in for an installed Node.js of the given version. */
function fakeNode(version: string): { folder: string; versions: Map<string, string> } {
  const folder = path.join(scratchFolder(), 'bin');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'node'), '');
  chmodSync(path.join(folder, 'node'), 0o755);
  return { folder, versions: new Map([[path.join(folder, 'node'), version]]) };
}

const probe = (overrides: Partial<RuntimeProbe>, versions = new Map<string, string>()): RuntimeProbe => ({
  versions: { ...process.versions, electron: '45.5.0' },
  execPath: '/opt/Anvil/anvil',
  env: {},
  platform: 'linux',
  versionOf: (file) => versions.get(file) ?? null,
  ...overrides,
});

describe('the Node.js runtime for child processes', () => {
  it('is this process under plain Node', () => {
    expect(nodeRuntime({ ...probe({}), versions: process.versions, execPath: process.execPath })).toBe(process.execPath);
  });

  it('is a Node.js from PATH in the desktop shell, where Electron cannot run as Node', () => {
    const { folder, versions } = fakeNode('v22.11.0');
    expect(nodeRuntime(probe({ env: { PATH: `/nowhere:${folder}` } }, versions))).toBe(path.join(folder, 'node'));
  });

  it('says what it tried and how to fix it when no recent Node.js is found', () => {
    const { folder, versions } = fakeNode('v18.19.0');
    expect(() => nodeRuntime(probe({ env: { PATH: folder } }, versions))).toThrow(/found none \(tried .*node \(v18\.19\.0\)\).*set ANVIL_NODE/);
    expect(() => nodeRuntime(probe({ env: {} }))).toThrow(/found none on PATH/);
  });

  it('compares versions by major and minor', () => {
    expect([isSupported('v20.18.0'), isSupported('v20.17.9'), isSupported('v24.1.0'), isSupported('garbage')]).toEqual([true, false, true, false]);
  });

  it('points a separate Node.js at the unpacked copy of a file packed in the app archive', () => {
    const packed = path.join('/opt', 'Anvil', 'resources', 'app.asar', 'out', 'main', 'runner-child.mjs');
    expect(outsideArchive(packed)).toBe(path.join('/opt', 'Anvil', 'resources', 'app.asar.unpacked', 'out', 'main', 'runner-child.mjs'));
    expect(outsideArchive('/work/anvil/out/main/runner-child.mjs')).toBe('/work/anvil/out/main/runner-child.mjs');
  });
});
