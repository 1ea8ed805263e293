import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a run of the fake `forge` saw: its arguments, its folder, and whether it got a login. */
export interface FakeForgeCall {
  argv: string[];
  cwd: string;
  tokenSet: boolean;
  email: string | null;
  /** The token it got, so a test can tell the keychain's from an inherited one. */
  token: string | null;
}

export interface FakeForgeBehaviour {
  /** Fail the way the CLI does: progress, then an `Error:` line on stderr and exit status 1. */
  fail?: boolean;
  /** Print the token and the Basic credentials built from it, as a careless debug line would. */
  echoToken?: boolean;
}

export interface FakeForgeCli {
  /** The folder holding `forge`, to put first on PATH. */
  binFolder: string;
  calls(): FakeForgeCall[];
  behave(behaviour: FakeForgeBehaviour): void;
}

// Runs under this Node (an absolute #! line), so it needs nothing from PATH.
const SCRIPT = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const folder = __dirname;
const argv = process.argv.slice(2);
if (argv[0] === '--version') { console.log('13.3.0'); process.exit(0); }
const token = process.env.FORGE_API_TOKEN ?? null;
fs.appendFileSync(path.join(folder, 'calls.jsonl'), JSON.stringify({ argv, cwd: process.cwd(), tokenSet: token !== null, email: process.env.FORGE_EMAIL ?? null, token }) + '\n');
const behaviour = fs.existsSync(path.join(folder, 'behaviour.json')) ? JSON.parse(fs.readFileSync(path.join(folder, 'behaviour.json'), 'utf8')) : {};
const environment = argv[argv.indexOf('--environment') + 1] ?? 'development';
const out = (line) => process.stdout.write(line + '\r\n');
if (behaviour.echoToken && token) {
  out('debug: FORGE_API_TOKEN=' + token);
  out('debug: authorization: Basic ' + Buffer.from((process.env.FORGE_EMAIL ?? '') + ':' + token).toString('base64'));
}
if (argv[0] === 'deploy') {
  out('Deploying your app to the ' + environment + ' environment.');
  out('Press Ctrl+C to cancel.');
  out('');
  out('ℹ Packaging app files');
  out('ℹ Uploading app');
  out('ℹ Validating manifest');
  if (behaviour.fail) {
    process.stderr.write('\r\nError: Deployment failed: the manifest is invalid (fake forge says so).\r\n');
    process.exit(1);
  }
  out('ℹ Snapshotting functions');
  out('ℹ Deploying to environment...');
  out('');
  out('✔ Deployed');
  out('');
  out('Deployed sample-app to the ' + environment + ' environment.');
} else if (argv[0] === 'install') {
  out('Upgrading your app on the ' + environment + ' environment.');
  if (behaviour.fail) {
    process.stderr.write('\r\nError: Installation not found on the site (fake forge says so).\r\n');
    process.exit(1);
  }
  out('✔ Upgrade complete');
}
`;

/** A stand-in for the Forge CLI: a `forge` script in a folder of its own that records every call. */
export function writeFakeForgeCli(parent: string): FakeForgeCli {
  const binFolder = path.join(parent, 'fake-forge-bin');
  mkdirSync(binFolder, { recursive: true });
  const file = path.join(binFolder, 'forge');
  writeFileSync(file, `#!${process.execPath}\n${SCRIPT}`);
  chmodSync(file, 0o755);
  const callsFile = path.join(binFolder, 'calls.jsonl');
  return {
    binFolder,
    calls: () =>
      existsSync(callsFile)
        ? readFileSync(callsFile, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as FakeForgeCall)
        : [],
    behave: (behaviour) => writeFileSync(path.join(binFolder, 'behaviour.json'), JSON.stringify(behaviour)),
  };
}
