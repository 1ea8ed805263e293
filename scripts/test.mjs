// `npm test`: set up a fresh machine, then run every check: the boundary lint, the typecheck, the
// Electron security scan, unit and integration tests (with a private keychain), the build, and the
// end-to-end tests in Chromium.
// The last line is the total: "N passed, N failed" (", N skipped" when some were skipped).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureForgeCliReference } from './forge-cli-reference.mjs';
import { buildManifestValidator, manifestValidatorIsStale } from './manifest-validator.mjs';
import { runWithPrivateKeychain } from './private-keychain.mjs';
import { ensureBuilt, ensureDependencies, ensureSampleAppDependencies, ensureSystemPackages, log, ROOT, run } from './setup.mjs';

const RESULTS = path.join(ROOT, 'out', 'test-results');
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
// The names of the tests that failed, repeated just above the total: a CI log is often read from its end.
const failedTests = [];

function check(name, exitCode) {
  if (exitCode === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(name);
  }
}

function countFrom(name, exitCode, file, read) {
  if (!existsSync(file)) {
    check(`${name} (no results written)`, 1);
    return;
  }
  const counts = read(JSON.parse(readFileSync(file, 'utf8')));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (counts.failed > 0 || exitCode !== 0) failures.push(name);
  if (counts.failed === 0 && exitCode !== 0) totals.failed += 1; // the runner failed outside any test
}

try {
  ensureSystemPackages();
  ensureDependencies();
  ensureSampleAppDependencies();
  // The Forge CLI's query files for the cloud client's drift test; a failure here is reported by that test.
  ensureForgeCliReference();
} catch (error) {
  log(error.message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

log('lint: process boundaries');
check('lint', run(process.execPath, [path.join(ROOT, 'scripts', 'lint-boundaries.mjs')]));

log('lint: ESLint (TypeScript and React hooks rules) and the formatter');
check('eslint', run(bin('eslint'), ['.', '--max-warnings', '0']));
check('format', run(bin('prettier'), ['--check', '--log-level', 'warn', '.']));

log('typecheck');
check('typecheck (core)', run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
check('typecheck (renderer)', run(bin('tsc'), ['-p', 'renderer/tsconfig.json', '--noEmit']));

log('security scan: electronegativity over the Electron code');
check('security scan', run(process.execPath, [path.join(ROOT, 'scripts', 'security-scan.mjs')]));

// The manifest schema's validator is generated code the core loads instead of compiling the schema in
// every process; the unit tests run the core from source, so they get it before the build step.
if (manifestValidatorIsStale()) {
  log('manifest schema validator (generated once per @forge/manifest version)');
  try {
    await buildManifestValidator();
  } catch (error) {
    log(error.message);
    check('manifest schema validator', 1);
  }
}

log('unit and integration tests (vitest, with a private Secret Service)');
const unitFile = path.join(RESULTS, 'unit.json');
// Anvil's data folder for everything the tests start without --data-dir: a fresh one, never the developer's.
const testDataDir = mkdtempSync(path.join(os.tmpdir(), 'anvil-test-data-'));
const testEnv = { ...process.env, ANVIL_DATA_DIR: testDataDir };
const unitExit = runWithPrivateKeychain(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitFile}`], testEnv);
countFrom('unit tests', unitExit, unitFile, (report) => {
  for (const file of report.testResults ?? []) {
    const where = path.relative(ROOT, file.name ?? '');
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') failedTests.push(`${where} › ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`);
    }
    // A file that failed outside its tests (an import error, an unhandled rejection) lists none above.
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed')) failedTests.push(`${where}: ${firstLine(file.message)}`);
  }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
});
if (unitExit !== 0 && failedTests.length === 0) failedTests.push('vitest exited with an error outside any test (an unhandled error: see "Unhandled Errors" above)');

log('build');
let built = true;
try {
  ensureBuilt({ force: true });
} catch (error) {
  log(error.message);
  built = false;
}
check('build', built ? 0 : 1);

if (built) {
  log('end-to-end tests (Playwright: Chromium against the web shell; Electron where its binary exists; with a private Secret Service)');
  const e2eFile = path.join(ROOT, 'e2e', 'output', 'e2e-results.json');
  rmSync(e2eFile, { force: true });
  // The web shell under test keeps credentials too: give it the private Secret Service, never the user's.
  const e2eExit = runWithPrivateKeychain(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], testEnv);
  countFrom('end-to-end tests', e2eExit, e2eFile, (report) => {
    collectE2eFailures(report.suites ?? [], []);
    return {
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected,
      skipped: report.stats.skipped,
    };
  });
}

rmSync(testDataDir, { recursive: true, force: true });
for (const test of failedTests) log(`failed test: ${test}`);
if (failures.length > 0) log(`failed: ${failures.join(', ')}`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);

function firstLine(text) {
  return (
    String(text ?? '')
      .trim()
      .split('\n')[0]
      ?.slice(0, 300) ?? ''
  );
}

function collectE2eFailures(suites, titles) {
  for (const suite of suites) {
    const inside = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.find((result) => result.error)?.error?.message;
        failedTests.push(`${[...inside, spec.title].join(' › ')} [${test.projectName}]: ${firstLine(error)}`);
      }
    }
    collectE2eFailures(suite.suites ?? [], inside);
  }
}
