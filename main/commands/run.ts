import path from 'node:path';
import { AppAnalysis } from '../analysis';
import { describeAppFolder } from '../app';
import { AnvilError } from '../contract';
import { defaultDataDir } from '../data-dir';
import { SchemaValidator } from '../manifest';
import { AppRunner } from '../runner';
import { KeychainClient, storedAtlassianLogin, Vault } from '../vault';
import { CommandError, type CommandIO } from './command';

export interface RunOptions {
  payload?: string;
  environment?: string;
  installation?: string;
  json: boolean;
  dataDir?: string;
}

const COLOURS: Record<string, string> = { error: '31', warn: '33', info: '36', log: '0', debug: '2' };

/** `anvil run <app-folder> <function-key> [--payload JSON]`: one invocation in the local sandboxed runner. */
export async function run(appFolder: string, functionKey: string, options: RunOptions, io: CommandIO): Promise<number> {
  let payload: unknown;
  if (options.payload !== undefined) {
    try {
      payload = JSON.parse(options.payload);
    } catch (error) {
      throw new CommandError(`--payload is not JSON (${(error as Error).message}). Quote it for the shell: --payload '{"key": "value"}'`);
    }
  }
  const summary = await describeAppFolder(appFolder).catch((error: Error) => {
    throw new CommandError(error.message);
  });
  const schema = new SchemaValidator();
  const analysis = new AppAnalysis(summary.folder, schema);
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const keychain = new KeychainClient();
  const vault = new Vault(dataDir, keychain);
  const runner = new AppRunner(summary.folder, {
    dataDir,
    onLog: (invocationId, level, message) => {
      if (!options.json) io.out(`\x1b[${COLOURS[level] ?? '0'}m${level.toUpperCase().padEnd(5)}\x1b[0m ${new Date().toISOString().slice(11, 23)} ${invocationId.slice(0, 8)} ${message}`);
    },
    secretKey: () => vault.dataKey('app-storage'),
    site: { login: () => storedAtlassianLogin(vault) },
  });
  try {
    const outcome = await runner.run({ functionKey, payload, environment: options.environment, installation: options.installation, resolverKeys: await analysis.resolverKeys() }).catch((error: unknown) => {
      if (error instanceof AnvilError) throw new CommandError(error.message);
      throw error;
    });
    if (options.json) {
      const { invocationId, status, result, error, durationMs, logs, calls } = outcome;
      io.out(JSON.stringify({ invocationId, status, result, error, durationMs, logs, calls }));
    } else {
      for (const call of outcome.calls) io.out(`${call.allowed ? 'ALLOW' : 'REFUSE'} ${call.kind} ${call.method} ${call.target}: ${call.reason}`);
      io.out(`${outcome.status} in ${outcome.durationMs} ms${outcome.error ? `: ${outcome.error}` : ''}`);
      if (outcome.status === 'ok') io.out(JSON.stringify(outcome.result, null, 2));
    }
    return outcome.status === 'ok' ? 0 : 1;
  } finally {
    runner.close();
    keychain.close();
    analysis.close();
    schema.close();
  }
}

