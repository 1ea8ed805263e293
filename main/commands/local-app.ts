import path from 'node:path';
import { AppAnalysis } from '../analysis';
import { describeAppFolder } from '../app';
import { openAppDatabaseFor } from '../database';
import { defaultDataDir } from '../data-dir';
import { SchemaValidator } from '../manifest';
import { EnvironmentService, vaultSecretValues } from '../environments';
import { AppRunner, type RunOutcome } from '../runner';
import { AppLogs, knownSecrets } from '../app-logs';
import { AppTriggers, type TriggerLogLine } from '../triggers';
import { connectedProviderAccount, KeychainClient, storedAtlassianLogin, Vault } from '../vault';
import { CommandError } from './command';
import { visibleLines, visibleText } from '../../common/terminal-text';

const COLOURS: Record<string, string> = { error: '31', warn: '33', info: '36', log: '0', debug: '2' };

/**
 * A log line in the style of the Forge tunnel: `LEVEL HH:MM:SS.mmm invocation message`, coloured.
 * A line a deployed function would lose (`platformDrop`) is dimmed behind a `[platform drops]` mark.
 */
export function tunnelLine(level: string, invocationId: string | null, message: string, platformDrop?: 'lines' | 'size'): string {
  // The message is the app's: its control characters are shown, never obeyed; only Anvil colours.
  // Its further lines sit behind a continuation mark, so they can never pass for a line of Anvil's.
  const mark = platformDrop ? `\x1b[2m${PLATFORM_DROP_MARK} ` : '';
  return `\x1b[${COLOURS[level] ?? '0'}m${visibleText(level.toUpperCase().padEnd(5))}\x1b[0m ${new Date().toISOString().slice(11, 23)} ${visibleText((invocationId ?? '-').slice(0, 8).padEnd(8))} ${mark}${visibleLines(message)}${platformDrop ? '\x1b[0m' : ''}`;
}

/** How the command line marks a line the platform would not keep. */
export const PLATFORM_DROP_MARK = '[platform drops]';

export interface LocalApp {
  folder: string;
  runner: AppRunner;
  triggers: AppTriggers;
  environments: EnvironmentService;
  resolverKeys(): Promise<string[]>;
  /** An outcome as printed: result, calls and error with every known secret redacted, like the lines. */
  redactOutcome<T extends RunOutcome>(outcome: T): T;
  close(): Promise<void>;
}

/**
 * The same runtime the workbench builds for an open app (database, keychain, runner, triggers), for
 * one command-line run.
 */
export async function openLocalApp(
  appFolder: string,
  options: { dataDir?: string; onLog?: (invocationId: string, level: string, message: string, platformDrop?: 'lines' | 'size') => void; onTriggerLog?: (environment: string, line: TriggerLogLine) => void; webTriggerPort?: number },
): Promise<LocalApp> {
  const summary = await describeAppFolder(appFolder).catch((error: Error) => {
    throw new CommandError(error.message);
  });
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const db = openAppDatabaseFor(dataDir, summary.folder);
  const keychain = new KeychainClient();
  const vault = new Vault(dataDir, keychain);
  let triggers: AppTriggers | null = null;
  let appLogs: AppLogs | null = null;
  const late: { environments: EnvironmentService | null } = { environments: null };
  const runner = new AppRunner(summary.folder, {
    release: (environment, installation) => late.environments!.release(environment, installation),
    variables: (environment) => late.environments!.variables.values(environment),
    db,
    dataDir,
    onLog: (invocationId, level, message, origin, mark) => {
      appLogs?.line(origin, level, message, mark);
      options.onLog?.(invocationId, level, message, mark.platformDrop);
    },
    onInvocation: (origin, outcome) => appLogs?.invocation(origin, outcome),
    redact: (text) => appLogs?.redact(text) ?? text,
    secretKey: () => vault.dataKey('app-storage'),
    site: { login: () => storedAtlassianLogin(vault) },
    providers: { account: (environment, providerKey) => connectedProviderAccount(vault, environment, providerKey) },
    platform: (call) => (triggers ? triggers.answer(call) : Promise.resolve(null)),
  });
  const environments = new EnvironmentService(db, vaultSecretValues(vault), summary.folder, () => runner, { dataDir: options.dataDir ? dataDir : null });
  late.environments = environments;
  appLogs = new AppLogs(db, { logAccess: (environment, installation) => environments.logAccess(environment, installation), onStored: () => undefined });
  // Lines a command writes are redacted and stored like the workbench's, so `logs --follow` sees them.
  appLogs.setSecrets(await knownSecrets(vault, environments));
  const stored = appLogs;
  triggers = new AppTriggers({
    appFolder: summary.folder,
    db,
    runner,
    log: (environment, line) => {
      stored.trigger(environment, line);
      options.onTriggerLog?.(environment, { ...line, message: stored.redact(line.message) });
    },
    webTriggerPort: options.webTriggerPort,
  });
  const schema = new SchemaValidator();
  const analysis = new AppAnalysis(summary.folder, schema);
  return {
    folder: summary.folder,
    runner,
    triggers,
    environments,
    resolverKeys: () => analysis.resolverKeys(),
    redactOutcome: (outcome) => stored.redactOutcome(outcome),
    close: async () => {
      await triggers?.close();
      appLogs?.close();
      runner.close();
      db.close();
      keychain.close();
      analysis.close();
      schema.close();
    },
  };
}
