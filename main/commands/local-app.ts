import path from 'node:path';
import { AppAnalysis } from '../analysis';
import { describeAppFolder } from '../app';
import { defaultDataDir } from '../data-dir';
import { SchemaValidator } from '../manifest';
import type { EnvironmentService } from '../environments';
import { llmOptions, sqlEngineChosenLater, type AppRunner, type RunOutcome } from '../runner';
import { openFileSettings, type SettingsStore } from '../settings';
import { knownSecrets } from '../app-logs';
import { AppRuntime } from '../app-runtime';
import type { AppTriggers, TriggerLogLine } from '../triggers';
import { KeychainClient, Vault } from '../vault';
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
  options: {
    dataDir?: string;
    onLog?: (invocationId: string, level: string, message: string, platformDrop?: 'lines' | 'size') => void;
    onTriggerLog?: (environment: string, line: TriggerLogLine) => void;
    webTriggerPort?: number;
  },
): Promise<LocalApp> {
  const summary = await describeAppFolder(appFolder).catch((error: Error) => {
    throw new CommandError(error.message);
  });
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const keychain = new KeychainClient();
  const vault = new Vault(dataDir, keychain);
  let settings: SettingsStore | null = null;
  let runtime: AppRuntime;
  try {
    runtime = AppRuntime.open(summary, {
      dataDir,
      environmentsDataDir: options.dataDir ? dataDir : null,
      vault,
      onLog: (invocationId, level, message, _origin, mark) => options.onLog?.(invocationId, level, message, mark.platformDrop),
      onTriggerLog: options.onTriggerLog,
      webTriggerPort: options.webTriggerPort,
      // The LLM endpoint the workbench's settings name, read when a chat is made (never for a run that makes none).
      llm: llmOptions(() => (settings ??= openFileSettings(dataDir)).get('llmEndpoint'), vault),
      // Forge SQL's server as the workbench's settings name it (or Anvil's own engine), chosen at the first statement.
      sqlEngine: sqlEngineChosenLater(() => (settings ??= openFileSettings(dataDir)).get('sqlServer'), vault, dataDir),
    });
  } catch (error) {
    keychain.close();
    throw error;
  }
  const { runner, triggers, environments, logs: stored } = runtime;
  // Lines a command writes are redacted and stored like the workbench's, so `logs --follow` sees them.
  stored.setSecrets(await knownSecrets(vault, environments));
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
      await runtime.close();
      keychain.close();
      analysis.close();
      schema.close();
    },
  };
}
