// Security scan of the Electron code with Doyensec's electronegativity. Fails (exit 1) on any finding of
// MEDIUM or HIGH severity that is not justified in the code, and on anything that stops the tool from
// giving a full answer (a crash, a file it cannot parse, nothing to scan): never a silent pass.
//
// A justification is a comment on the flagged line, or in the comment lines right above it:
//   // electronegativity-justified: CHECK_ID — why this is safe
// It must name the exact check id (several may be listed, comma-separated) and give a reason of at least
// three words. Findings without a place in the code (global checks, e.g. CSP_GLOBAL_CHECK) are justified
// by such a comment anywhere in the scanned sources. The tool's own `eng-disable` comments are refused:
// they hide a finding without a reason, and at the top of a file they silence a check for the whole file.
//
// The tool runs through its programmatic entry rather than its CLI: with `-o report.csv` the CLI discards
// parse errors (a file it cannot read is skipped without a word) and exits 0 even with HIGH findings;
// the entry returns the findings and the per-file errors as data.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * What the desktop shell loads, as sources: the main bundle (main/electron/main.ts and the core it
 * imports from main/ and common/), the preload, and the renderer page (renderer/, index.html included).
 * package.json feeds the tool's checks of Electron flags in scripts. Tests are not loaded and are skipped.
 */
export const ELECTRON_SOURCES = ['main', 'preload', 'renderer', 'common', 'package.json'];

/** Findings of this severity or higher fail the scan unless justified. */
export const BLOCKING_SEVERITIES = ['MEDIUM', 'HIGH'];

/**
 * Checks not run. AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK compares package.json's Electron version with
 * the release list it downloads from GitHub on every run: the answer changes with the network and with
 * each Electron release, not with our code, and for Electron as a devDependency (ours) it is only
 * INFORMATIONAL. Keeping Electron current is part of the release process, not of this code check.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const SCANNED_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
const MARKER = 'electronegativity-justified:';
const MARKER_PATTERN = /electronegativity-justified:\s*([A-Z0-9_]+(?:\s*,\s*[A-Z0-9_]+)*)\s*(?:—|–|--|-|:)?\s*(.*)$/;
const ENG_DISABLE_PATTERN = /(?:\/\*|\/\/|<!--)[ \t]*eng-disable\b/i;

/** The justification markers of one file: `{ line, ids, reason, problem }` per marker (line is 1-based). */
export function justificationMarkers(text) {
  const markers = [];
  const lines = text.split('\n');
  lines.forEach((content, index) => {
    if (!content.includes(MARKER)) return;
    const match = MARKER_PATTERN.exec(content);
    const ids = match ? match[1].split(',').map((id) => id.trim()) : [];
    let reason = match ? match[2].replace(/\s*(\*\/|-->)\s*$/, '').trim() : '';
    // A reason may go on in the `//` comment lines that follow, up to the next marker.
    for (let next = index + 1; reason && next < lines.length; next += 1) {
      const more = lines[next].trim();
      if (!more.startsWith('//') || more.includes(MARKER)) break;
      reason += ' ' + more.replace(/^\/\/\s*/, '');
    }
    const words = reason.match(/\p{L}{2,}/gu) ?? [];
    let problem = null;
    if (ids.length === 0) problem = `names no check id (write "${MARKER} CHECK_ID — reason")`;
    else if (words.length < 3) problem = `gives no reason for ${ids.join(', ')} (at least three words after the check id)`;
    markers.push({ line: index + 1, ids, reason, problem });
  });
  return markers;
}

/** Lines (1-based) whose markers apply to a finding on `line`: the line itself and the comment block right above it. */
export function justifyingLines(lines, line) {
  const result = [line];
  for (let index = line - 2; index >= 0; index -= 1) {
    const trimmed = (lines[index] ?? '').trim();
    if (!(trimmed.startsWith('//') || trimmed.startsWith('/*') || trimmed.startsWith('*') || trimmed.endsWith('*/') || trimmed.startsWith('<!--'))) break;
    result.push(index + 1);
  }
  return result;
}

function copyScannable(from, to, copied) {
  const info = statSync(from);
  if (info.isDirectory()) {
    if (path.basename(from) === 'node_modules') return;
    for (const entry of readdirSync(from)) copyScannable(path.join(from, entry), path.join(to, entry), copied);
    return;
  }
  const base = path.basename(from);
  const scannable = base === 'package.json' || (SCANNED_EXTENSIONS.has(path.extname(base)) && !/\.test\.[jt]sx?$/.test(base) && !base.endsWith('.d.ts'));
  if (!scannable) return;
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
  copied.push(to);
}

/**
 * Electronegativity's i18n start-up downloads translations from S3 (three tries of one second each
 * when offline) and prints a warning when that fails. The bundled en-US texts are all the scan needs,
 * so for the length of one run the download fails at once; the warning is collected, not printed.
 */
async function withQuietOfflineTool(work) {
  const toolRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  const got = toolRequire('got');
  const realGot = got.default;
  const realLog = console.log;
  const output = [];
  got.default = () => Promise.reject(new Error('network disabled for the security scan'));
  console.log = (...args) => output.push(args.map(String).join(' '));
  try {
    return await work();
  } catch (error) {
    if (output.length > 0) process.stderr.write(`electronegativity output before the failure:\n${output.join('\n')}\n`);
    throw error;
  } finally {
    got.default = realGot;
    console.log = realLog;
  }
}

function toolVersion() {
  const entry = require.resolve('@doyensec/electronegativity');
  const packageFile = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json');
  return JSON.parse(readFileSync(packageFile, 'utf8')).version;
}

/**
 * Scan `entries` (paths relative to `root`, files or folders) with electronegativity for the given
 * Electron version. Returns every finding (with its justification, if any, and whether it blocks),
 * the problems that make the scan fail on their own, notes, and `passed`.
 */
export async function scanElectronCode({ root = ROOT, entries = ELECTRON_SOURCES, electronVersion }) {
  if (!/^\d+\.\d+\.\d+/.test(electronVersion ?? '')) throw new Error(`security scan: no exact Electron version to scan for (got "${electronVersion}")`);
  const problems = [];
  const notes = [];
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'anvil-security-scan-'));
  try {
    // The tool scans one folder; the sources Electron loads are copied into one, keeping their paths.
    const copied = [];
    for (const entry of entries) {
      const from = path.join(root, entry);
      if (!existsSync(from)) problems.push(`${entry}: not found, so not scanned`);
      else copyScannable(from, path.join(workDir, entry), copied);
    }
    const sourceFiles = copied.map((file) => path.relative(workDir, file).split(path.sep).join('/'));
    if (sourceFiles.filter((file) => file !== 'package.json' && !file.endsWith('/package.json')).length === 0) {
      problems.push('nothing to scan: no JavaScript, TypeScript or HTML file in ' + entries.join(', '));
      return { findings: [], problems, notes, files: sourceFiles, passed: false };
    }

    const runModule = require('@doyensec/electronegativity');
    const run = typeof runModule === 'function' ? runModule : runModule.default;
    const result = await withQuietOfflineTool(() =>
      run(
        {
          input: workDir,
          customScan: [],
          excludeFromScan: EXCLUDED_CHECKS.map((name) => name.toLowerCase()),
          isRelative: false,
          electronVersionOverride: electronVersion,
          parserPlugins: [],
        },
        false,
      ),
    );
    if (!result || !Array.isArray(result.issues) || !Array.isArray(result.errors)) throw new Error('security scan: electronegativity returned no report');
    if (!(result.atomicChecks > 0 && result.globalChecks > 0)) throw new Error(`security scan: electronegativity loaded no checks (${result.atomicChecks} atomic, ${result.globalChecks} global)`);

    const relative = (file) => (file && file !== 'N/A' ? path.relative(workDir, file).split(path.sep).join('/') : null);
    for (const error of result.errors) {
      const where = relative(error.file) ?? 'unknown file';
      if (error.tolerable) notes.push(`${where}: parsed with a warning: ${error.message}`);
      else problems.push(`${where}: electronegativity could not scan it: ${error.message}`);
    }

    // Markers and eng-disable comments are read from the sources themselves.
    const linesOf = new Map();
    const markers = [];
    for (const file of sourceFiles) {
      const text = readFileSync(path.join(root, file), 'utf8');
      const lines = text.split('\n');
      linesOf.set(file, lines);
      lines.forEach((content, index) => {
        if (ENG_DISABLE_PATTERN.test(content)) problems.push(`${file}:${index + 1}: eng-disable hides a finding without a reason; use "// ${MARKER} CHECK_ID — reason" instead`);
      });
      for (const marker of justificationMarkers(text)) {
        markers.push({ ...marker, file, used: false });
        if (marker.problem) problems.push(`${file}:${marker.line}: justification ${marker.problem}`);
      }
    }

    const findings = result.issues.map((issue) => {
      const file = relative(issue.file);
      const line = issue.location?.line ?? 0;
      const valid = markers.filter((marker) => !marker.problem && marker.ids.includes(issue.id));
      let justification;
      if (file === null) justification = valid[0];
      else {
        const lines = justifyingLines(linesOf.get(file) ?? [], line);
        justification = valid.find((marker) => marker.file === file && lines.includes(marker.line));
      }
      if (justification) justification.used = true;
      const severity = issue.severity?.name ?? 'UNKNOWN';
      return {
        id: issue.id,
        severity,
        confidence: issue.confidence?.name ?? 'UNKNOWN',
        file,
        line,
        column: issue.location?.column ?? 0,
        description: String(issue.description ?? '').trim(),
        justification: justification ? { file: justification.file, line: justification.line, reason: justification.reason } : null,
        // An unknown severity counts as blocking: better a false alarm than a silent pass.
        blocking: !justification && (BLOCKING_SEVERITIES.includes(severity) || severity === 'UNKNOWN'),
      };
    });
    for (const marker of markers) {
      if (!marker.used && !marker.problem) notes.push(`${marker.file}:${marker.line}: justification for ${marker.ids.join(', ')} matches no finding (stale?)`);
    }
    return { findings, problems, notes, files: sourceFiles, passed: problems.length === 0 && !findings.some((finding) => finding.blocking) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** One line per finding: check id, severity, confidence, file:line, description; then how it was resolved. */
export function formatFinding(finding) {
  const where = finding.file ? `${finding.file}:${finding.line}:${finding.column}` : '(whole app)';
  const status = finding.justification ? 'justified' : finding.blocking ? 'BLOCKING' : 'below MEDIUM';
  let text = `  ${status.padEnd(12)} ${finding.id} ${finding.severity}/${finding.confidence} ${where}: ${finding.description}`;
  if (finding.justification) text += `\n${' '.repeat(15)}why: ${finding.justification.reason} (${finding.justification.file}:${finding.justification.line})`;
  return text;
}

async function main() {
  const started = Date.now();
  const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const electronVersion = packageJson.devDependencies?.electron ?? packageJson.dependencies?.electron;
  let report;
  try {
    report = await scanElectronCode({ root: ROOT, entries: ELECTRON_SOURCES, electronVersion });
  } catch (error) {
    console.error(`security scan FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
  console.log(`security scan: electronegativity ${toolVersion()} for Electron ${electronVersion}, ${report.files.length} files in ${ELECTRON_SOURCES.join(', ')}`);
  for (const finding of report.findings) console.log(formatFinding(finding));
  for (const note of report.notes) console.log(`  note: ${note}`);
  for (const problem of report.problems) console.error(`  problem: ${problem}`);
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const justified = report.findings.filter((finding) => finding.justification).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = `${report.findings.length} findings: ${blocking} blocking, ${justified} justified; ${report.problems.length} problems; ${seconds} s`;
  if (report.passed) console.log(`security scan passed (${summary})`);
  else console.error(`security scan FAILED (${summary})`);
  process.exit(report.passed ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
