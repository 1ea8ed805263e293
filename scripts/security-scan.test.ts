import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without declarations, run by node before any build
import * as securityScan from './security-scan.mjs';

interface Finding {
  id: string;
  severity: string;
  file: string | null;
  line: number;
  justification: { file: string; line: number; reason: string } | null;
  blocking: boolean;
}
interface Report {
  findings: Finding[];
  problems: string[];
  notes: string[];
  passed: boolean;
}
const scan = securityScan.scanElectronCode as (options: { root: string; entries: string[]; electronVersion: string }) => Promise<Report>;
const markers = securityScan.justificationMarkers as (text: string) => { line: number; ids: string[]; reason: string; problem: string | null }[];

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A scratch app whose files are given as path → lines. */
function sampleApp(files: Record<string, string[]>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'anvil-scan-sample-'));
  folders.push(root);
  for (const [file, lines] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), lines.join('\n') + '\n');
  }
  return root;
}

const scanSample = (root: string) => scan({ root, entries: ['main'], electronVersion: '45.5.0' });

// Navigation limits, a permission handler and a justified CSP: what a sample needs to leave the global checks quiet.
const hardened = [
  "import { app, session } from 'electron';",
  'session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));',
  "app.on('web-contents-created', (_event, contents) => {",
  "  contents.on('will-navigate', (event) => event.preventDefault());",
  "  contents.setWindowOpenHandler(() => ({ action: 'deny' }));",
  '});',
  '// electronegativity-justified: CSP_GLOBAL_CHECK — the sample serves its policy as a response header.',
  "export const headers = { 'Content-Security-Policy': \"default-src 'none'\" };",
];

const openLink = (justification: string[]) => ["import { shell } from 'electron';", 'export function open(url: string): void {', ...justification, '  void shell.openExternal(url);', '}'];

describe('the Electron security scan', () => {
  it('fails on a deliberately insecure window', async () => {
    const root = sampleApp({
      'main/electron/insecure.ts': ["import { BrowserWindow } from 'electron';", 'export const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });'],
    });
    const report = await scanSample(root);
    expect(report.passed).toBe(false);
    const blocking = report.findings.filter((finding) => finding.blocking).map((finding) => finding.id);
    expect(blocking).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
    // The tool itself rates an explicit nodeIntegration: true only INFORMATIONAL (HIGH only together with remote content).
    expect(report.findings.map((finding) => finding.id)).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(report.findings.find((finding) => finding.id === 'CONTEXT_ISOLATION_JS_CHECK')).toMatchObject({ file: 'main/electron/insecure.ts', line: 2, severity: 'HIGH' });
  });

  it('fails on an unjustified finding and passes once it is justified with a reason', async () => {
    const unjustified = await scanSample(sampleApp({ 'main/electron/hardening.ts': hardened, 'main/electron/links.ts': openLink([]) }));
    expect(unjustified.passed).toBe(false);
    expect(unjustified.findings.filter((finding) => finding.blocking).map((finding) => finding.id)).toEqual(['OPEN_EXTERNAL_JS_CHECK']);

    const justified = await scanSample(
      sampleApp({
        'main/electron/hardening.ts': hardened,
        'main/electron/links.ts': openLink(['  // electronegativity-justified: OPEN_EXTERNAL_JS_CHECK — callers pass only allow-listed https links.']),
      }),
    );
    expect(justified.problems).toEqual([]);
    expect(justified.passed).toBe(true);
    expect(justified.findings.find((finding) => finding.id === 'OPEN_EXTERNAL_JS_CHECK')?.justification).toMatchObject({ file: 'main/electron/links.ts', line: 3 });
    expect(justified.findings.find((finding) => finding.id === 'CSP_GLOBAL_CHECK')?.justification).toMatchObject({ file: 'main/electron/hardening.ts', line: 7 });
  });

  it('does not accept a justification without a reason, for another check, or the tool\u2019s own eng-disable', async () => {
    const scanWith = (justification: string) => scanSample(sampleApp({ 'main/electron/hardening.ts': hardened, 'main/electron/links.ts': openLink([justification]) }));

    const noReason = await scanWith('  // electronegativity-justified: OPEN_EXTERNAL_JS_CHECK');
    expect(noReason.passed).toBe(false);
    expect(noReason.problems).toEqual([expect.stringMatching(/links\.ts:3: justification gives no reason for OPEN_EXTERNAL_JS_CHECK/)]);
    expect(noReason.findings.find((finding) => finding.id === 'OPEN_EXTERNAL_JS_CHECK')?.blocking).toBe(true);

    const otherCheck = await scanWith('  // electronegativity-justified: SANDBOX_JS_CHECK — callers pass only allow-listed https links.');
    expect(otherCheck.passed).toBe(false);
    expect(otherCheck.findings.filter((finding) => finding.blocking).map((finding) => finding.id)).toEqual(['OPEN_EXTERNAL_JS_CHECK']);

    const engDisable = await scanWith('  void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK');
    expect(engDisable.passed).toBe(false);
    expect(engDisable.problems).toEqual([expect.stringMatching(/links\.ts:3: eng-disable hides a finding without a reason/)]);
  });

  it('fails, never passes silently, when a file cannot be scanned or there is nothing to scan', async () => {
    const unreadable = await scanSample(sampleApp({ 'main/electron/hardening.ts': hardened, 'main/electron/broken.ts': ['export const x = ;;; <<<'] }));
    expect(unreadable.passed).toBe(false);
    expect(unreadable.problems.join('\n')).toMatch(/broken\.ts: electronegativity could not scan it/);

    const empty = await scanSample(sampleApp({ 'main/README.md': ['nothing here'] }));
    expect(empty.passed).toBe(false);
    expect(empty.problems.join('\n')).toMatch(/nothing to scan/);
    await expect(scan({ root: sampleApp({}), entries: ['main'], electronVersion: '' })).rejects.toThrow(/no exact Electron version/);
  });

  it('reads justification markers: check ids, a reason of three words or more, continued on following comment lines', () => {
    const found = markers(
      [
        '// electronegativity-justified: A_CHECK, B_CHECK — both are safe here',
        '// because of the guard above.',
        'code();',
        '// electronegativity-justified: C_CHECK — ok',
        '// electronegativity-justified: lowercase_check — has a reason anyway',
      ].join('\n'),
    );
    expect(found[0]).toMatchObject({ line: 1, ids: ['A_CHECK', 'B_CHECK'], reason: 'both are safe here because of the guard above.', problem: null });
    expect(found[1]?.problem).toMatch(/no reason/);
    expect(found[2]?.problem).toMatch(/no check id/);
  });
});
