import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../../common/types';
import { appDataFolder } from '../app';
import { SchemaValidator } from '../manifest';
import { sampleAppCopy, scratchFolder } from '../testing';
import { AppAnalysis } from './app-analysis';
import { contentHash, SCAN_CACHE_FILE } from './scan-cache';
import { loadSourceScanner, type ScannerLoader } from './source-scanner';

const schema = new SchemaValidator();
afterAll(() => schema.close());

/** A loader of the real scanner that counts how often the parser had to be loaded. */
function countingLoader(): { load: ScannerLoader; loads: () => number } {
  let loads = 0;
  return {
    load: () => {
      loads += 1;
      return loadSourceScanner();
    },
    loads: () => loads,
  };
}

/** One lint-like run in a fresh analysis (as a new process would): the report without its timing, and how often the parser loaded. */
async function lintOnce(app: string, dataDir: string): Promise<{ report: Omit<AnalysisReport, 'elapsedMs'>; loads: number }> {
  const loader = countingLoader();
  const analysis = new AppAnalysis(app, schema, { cacheFolder: appDataFolder(dataDir, app), loadScanner: loader.load });
  try {
    const { elapsedMs: _timing, ...report } = await analysis.analyze(readFileSync(path.join(app, 'manifest.yml'), 'utf8'));
    return { report, loads: loader.loads() };
  } finally {
    analysis.close();
  }
}

function cacheFileOf(app: string, dataDir: string): string {
  return path.join(appDataFolder(dataDir, app), SCAN_CACHE_FILE);
}

interface StoredCache {
  files: Record<string, { sha256: string; facts: Record<string, unknown>; exports?: string[] | null }>;
}

function readCache(app: string, dataDir: string): StoredCache {
  return JSON.parse(readFileSync(cacheFileOf(app, dataDir), 'utf8')) as StoredCache;
}

describe('the source scan cache', () => {
  it('lints an unchanged app a second time without loading the parser, with the same report', async () => {
    const app = sampleAppCopy();
    const dataDir = scratchFolder();
    const first = await lintOnce(app, dataDir);
    expect(first.loads).toBe(1);
    expect(first.report.egress.used).toEqual(['api.github.com']);
    const second = await lintOnce(app, dataDir);
    expect(second.loads).toBe(0);
    expect(second.report).toEqual(first.report);
    // The handler exports came from the cache too: the report still knows index.handler exists.
    expect(second.report.diagnostics.filter((diagnostic) => diagnostic.code.startsWith('handler-'))).toEqual([]);
  }, 30_000);

  it('keeps the cache in the data folder, never in the app folder', async () => {
    const app = sampleAppCopy();
    const before = readdirSync(app, { recursive: true }).length;
    const dataDir = scratchFolder();
    await lintOnce(app, dataDir);
    expect(readdirSync(app, { recursive: true }).length).toBe(before);
    expect(existsSync(cacheFileOf(app, dataDir))).toBe(true);
    if (process.platform !== 'win32') expect(lstatSync(cacheFileOf(app, dataDir)).mode & 0o077).toBe(0);
  }, 30_000);

  it('rescans a changed file and reports what it now does', async () => {
    const app = sampleAppCopy();
    const dataDir = scratchFolder();
    await lintOnce(app, dataDir);
    const index = path.join(app, 'src', 'index.js');
    writeFileSync(index, readFileSync(index, 'utf8').replaceAll('api.github.com', 'api.gitlab.com'));
    const changed = await lintOnce(app, dataDir);
    expect(changed.loads).toBe(1);
    expect(changed.report.egress.used).toEqual(['api.gitlab.com']);
    expect(changed.report.egress.missing).toEqual(['api.gitlab.com']);
    // The new facts are cached in their turn.
    expect((await lintOnce(app, dataDir)).loads).toBe(0);
  }, 30_000);

  it('rescans a handler file whose exports changed', async () => {
    const app = sampleAppCopy();
    const dataDir = scratchFolder();
    await lintOnce(app, dataDir);
    const index = path.join(app, 'src', 'index.js');
    writeFileSync(index, readFileSync(index, 'utf8').replace('export async function checkReleases', 'async function checkReleases'));
    const changed = await lintOnce(app, dataDir);
    expect(changed.report.diagnostics.some((diagnostic) => diagnostic.code === 'handler-export-missing' && diagnostic.message.includes('checkReleases'))).toBe(true);
  }, 30_000);

  it('ignores a corrupt cache file and gives the same report', async () => {
    const app = sampleAppCopy();
    const dataDir = scratchFolder();
    const fresh = await lintOnce(app, dataDir);
    const corruptions: string[] = ['{"format":1,"scanner":', '\0\0\0not json', 'null', JSON.stringify({ ...readCache(app, dataDir), files: [] })];
    // Right keys and hashes, wrong shapes: each one alone makes its entry unusable.
    const wrongShapes: Array<(facts: Record<string, unknown>) => void> = [
      (facts) => (facts.productCalls = 'GET /rest/api/3/myself'),
      (facts) => (facts.fetches = [{ url: 'https://evil.example', host: 'evil.example', place: { file: 'src/other.js', line: 1, column: 1 } }]),
      (facts) => (facts.storageUses = [{ api: 'kvs.get', place: { file: 'src/index.js', line: 0, column: 1 } }]),
      (facts) => (facts.file = 'src/other.js'),
    ];
    for (const wrongShape of wrongShapes) {
      const cache = readCache(app, dataDir);
      const entry = cache.files['src/index.js']!;
      wrongShape(entry.facts);
      corruptions.push(JSON.stringify(cache));
    }
    for (const corruption of corruptions) {
      writeFileSync(cacheFileOf(app, dataDir), corruption);
      const again = await lintOnce(app, dataDir);
      expect(again.report, corruption.slice(0, 80)).toEqual(fresh.report);
      expect(again.loads, corruption.slice(0, 80)).toBe(1);
    }
  }, 60_000);

  it('does not use facts planted for other bytes of a file', async () => {
    const app = sampleAppCopy();
    const dataDir = scratchFolder();
    const fresh = await lintOnce(app, dataDir);
    const cache = readCache(app, dataDir);
    const entry = cache.files['src/index.js']!;
    // Well-formed facts that would hide the product call and the GitHub fetch, and claim no handler exports.
    entry.sha256 = contentHash(Buffer.from('export const handler = () => null;\n'));
    entry.facts = { ...entry.facts, productCalls: [], fetches: [], storageUses: [] };
    entry.exports = [];
    writeFileSync(cacheFileOf(app, dataDir), JSON.stringify(cache));
    const planted = await lintOnce(app, dataDir);
    expect(planted.report).toEqual(fresh.report);
    expect(planted.report.scopes.required).toEqual(['read:jira-work', 'storage:app']);
    expect(planted.loads).toBe(1);
  }, 30_000);

  it('does not use facts cached by another scanner version', async () => {
    const app = sampleAppCopy();
    const dataDir = scratchFolder();
    const fresh = await lintOnce(app, dataDir);
    const cache = { ...readCache(app, dataDir), scanner: 'scanner 0, typescript 0.0.0' } as StoredCache & { scanner: string };
    cache.files['src/index.js']!.facts.fetches = [];
    writeFileSync(cacheFileOf(app, dataDir), JSON.stringify(cache));
    const again = await lintOnce(app, dataDir);
    expect(again.report).toEqual(fresh.report);
    expect(again.loads).toBe(1);
  }, 30_000);

  it('replaces a link planted at the cache file instead of writing through it', async () => {
    if (process.platform === 'win32') return;
    const app = sampleAppCopy();
    const dataDir = scratchFolder();
    const victim = path.join(scratchFolder(), 'victim.txt');
    writeFileSync(victim, 'keep me');
    mkdirSync(appDataFolder(dataDir, app), { recursive: true });
    symlinkSync(victim, cacheFileOf(app, dataDir));
    await lintOnce(app, dataDir);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(cacheFileOf(app, dataDir)).isFile()).toBe(true);
    expect((await lintOnce(app, dataDir)).loads).toBe(0);
  }, 30_000);
});
