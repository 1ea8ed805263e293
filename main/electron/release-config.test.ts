import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../project-root';

// Installers cannot be built on a machine without the Electron binary, so what they would contain is checked here.
const root = projectRoot();
// The parsed YAML is read field by field by the assertions below, which check every shape they rely on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; devDependencies: Record<string, string> };
const buildScript = readFileSync(path.join(root, 'scripts', 'build.mjs'), 'utf8');
type Dist = { distArguments: (platform: string, testBuild: boolean) => string[] };
const dist = (): Promise<Dist> => import(path.join(root, 'scripts', 'dist.mjs')) as Promise<Dist>;

describe('the desktop release build', () => {
  it('makes AppImage and .deb on Linux, a .dmg on macOS and NSIS on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(packageJson.scripts.dist).toBe('node scripts/dist.mjs');
  });

  it('sets the release fuses: no run-as-node, NODE_OPTIONS or inspect, encrypted cookies, the app only from a checked asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('has a test variant that differs only in keeping the inspect fuse on (Playwright drives it)', async () => {
    const { distArguments } = await dist();
    const release = distArguments('linux', false);
    const test = distArguments('linux', true);
    expect(release).toEqual(['--config', 'electron-builder.yml', '--linux', '--publish', 'never']);
    expect(test.filter((arg) => !release.includes(arg))).toEqual(['-c.electronFuses.enableNodeCliInspectArguments=true', '-c.directories.output=out/dist-test']);
    expect(distArguments('win32', false)).toContain('--win');
    expect(() => distArguments('aix', false)).toThrow(/Linux, macOS or Windows/);
  });

  it('packs what the shell loads, the generated data and the sample app, with native code and child scripts outside the archive', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**', 'resources/generated/**']));
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'resources/sample-app', to: 'sample-app' })]);
    expect(packageJson.main).toBe('out/main/electron.mjs');
    expect(buildScript).toContain("electron: 'main/electron/main.ts'");
    for (const child of ['runner-child.mjs', 'keychain-child.cjs']) {
      expect(buildScript).toContain(child);
      expect(config.asarUnpack).toContain(`out/main/${child}`);
    }
    for (const native of ['keytar', 'better-sqlite3', 'node-pty', 'esbuild']) expect(config.asarUnpack).toContain(`node_modules/${native}/**`);
    expect(config.npmRebuild).toBe(true);
  });
});
