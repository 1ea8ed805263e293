/**
 * Cold start of the command line: each figure is the median of several fresh `node` processes, from
 * spawn to exit, against baselines measured in the same run:
 *   - `node -e 0`, the floor any Node program pays;
 *   - lint as it ran before the validator was generated at build time: the same built command line
 *     in a copy without the generated validator, so it compiles @forge/manifest's schema at run time;
 *   - lint with no caches (a new data folder each run): it loads TypeScript to parse the sources and the validator's code;
 *   - the checks `npm run anvil` makes before it starts the command line (dependencies, build up to date).
 * Goals: `--version` ≤ 150 ms, `lint` of the (unchanged, linted before) sample app ≤ 300 ms. Prints figures; never fails.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile } from './measure';

const ROOT = process.cwd();
const CLI = path.join(ROOT, 'out', 'main', 'cli.mjs');
const SAMPLE = path.join(ROOT, 'resources', 'sample-app');
const RUNS = 9;
const SLOW_RUNS = 3;

/** Times `runs` fresh processes; `args` may differ per run (e.g. a new empty data folder each time). */
function timeProcess(argsOf: string[] | (() => string[]), runs: number): number[] {
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const args = typeof argsOf === 'function' ? argsOf() : argsOf;
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0 && result.status !== 1) console.log(`  (${args.join(' ')} exited ${String(result.status)}: ${result.stderr.toString().trim().split('\n')[0] ?? ''})`);
  }
  return times;
}

function print(label: string, times: number[], goal?: number) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  const verdict = goal === undefined ? '' : `   goal ≤ ${goal} ms: ${median <= goal ? 'met' : 'not met'}`;
  console.log(`${label.padEnd(52)} median ${median.toFixed(0).padStart(5)} ms   min ${sorted[0]!.toFixed(0).padStart(5)} ms   (${times.length} runs)${verdict}`);
  return median;
}

/** The built command line in a scratch project without the generated validator: the run-time compile path. */
function withoutGeneratedValidator(): string {
  const project = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-cli-'));
  cpSync(path.join(ROOT, 'package.json'), path.join(project, 'package.json'));
  cpSync(path.join(ROOT, 'out', 'main'), path.join(project, 'out', 'main'), { recursive: true, filter: (source) => !source.includes(`${path.sep}manifest-schema`) });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  symlinkSync(path.join(ROOT, 'resources'), path.join(project, 'resources'), 'dir');
  return project;
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
if (!existsSync(CLI)) {
  console.log('out/main/cli.mjs is missing: run `npm run build` first');
} else {
  const floor = print('baseline: node -e 0', timeProcess(['-e', '0'], RUNS));
  const version = print('anvil --version', timeProcess([CLI, '--version'], RUNS), 150);
  const help = print('anvil lint --help', timeProcess([CLI, 'lint', '--help'], RUNS));
  const explain = print('anvil explain read:jira-work', timeProcess([CLI, 'explain', 'read:jira-work'], RUNS));
  // Lint keeps its source scan and schema check in the data folder: warm caches are the everyday case (the
  // app was linted before and most files are unchanged); an empty data folder per run is the first lint of an app.
  const dataDirs = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-data-'));
  const warmDataDir = path.join(dataDirs, 'warm');
  let emptyDataDirs = 0;
  const emptyDataDir = () => path.join(dataDirs, `empty-${(emptyDataDirs += 1)}`);
  const project = withoutGeneratedValidator();
  try {
    timeProcess([CLI, 'lint', SAMPLE, '--data-dir', warmDataDir], 1);
    const lint = print('anvil lint resources/sample-app (caches warm)', timeProcess([CLI, 'lint', SAMPLE, '--data-dir', warmDataDir], RUNS), 300);
    const uncached = print(
      'anvil lint resources/sample-app (no caches)',
      timeProcess(() => [CLI, 'lint', SAMPLE, '--data-dir', emptyDataDir()], RUNS),
    );
    const compiled = print(
      'baseline: lint, schema compiled, no caches',
      timeProcess(() => [path.join(project, 'out', 'main', 'cli.mjs'), 'lint', SAMPLE, '--data-dir', emptyDataDir()], SLOW_RUNS),
    );
    console.log(`lint: ×${(compiled / lint).toFixed(1)} faster than compiling the schema at run time; ${(lint - floor).toFixed(0)} ms above node -e 0`);
    console.log(`lint: its caches save ${(uncached - lint).toFixed(0)} ms (an unchanged app loads neither TypeScript's parser nor the schema validator's code)`);
  } finally {
    rmSync(project, { recursive: true, force: true });
    rmSync(dataDirs, { recursive: true, force: true });
  }
  const checks = print("baseline: npm run anvil's checks (no build needed)", timeProcess(['--input-type=module', '-e', "import('./scripts/setup.mjs').then((setup) => setup.prepareOrExit())"], RUNS));
  console.log(
    `npm run anvil adds ${(checks - floor).toFixed(0)} ms of checks before it starts the command line; --version ${(version - floor).toFixed(0)} ms, --help ${(help - floor).toFixed(0)} ms, explain ${(explain - floor).toFixed(0)} ms above node -e 0`,
  );
}
