import { AppLogs, type AppLogsOptions } from './app-logs';
import type { AppSummary } from '../common/types';
import { openAppDatabaseFor, type AppDatabase } from './database';
import { EnvironmentService, vaultSecretValues } from './environments';
import { AppRunner, type AppRunnerOptions } from './runner';
import { AppTriggers, type TriggerLogLine } from './triggers';
import { connectedProviderAccount, storedAtlassianLogin, type Vault } from './vault';

/** What the workbench and the command line each add to an open app's runtime. */
export interface AppRuntimeOptions {
  /** Anvil's data folder (database, bundles, caches); null keeps everything in memory. */
  dataDir: string | null;
  /** Where environments keep their deploy records; the command line keeps none without --data-dir. */
  environmentsDataDir: string | null;
  /** The keychain-backed vault; without one, app secrets and site calls say they need a data folder. */
  vault: Vault | null;
  /** A line the app wrote, after it was stored (redacted) in the logs. */
  onLog?: AppRunnerOptions['onLog'];
  /** A trigger's activity line, already redacted. */
  onTriggerLog?: (environment: string, line: TriggerLogLine) => void;
  logs?: Pick<AppLogsOptions, 'onStored' | 'retentionDays' | 'onProblem' | 'followOthers'>;
  onResolversLearned?: AppRunnerOptions['onResolversLearned'];
  webTriggerPort?: number;
  /** Where Forge LLMs calls go (the developer's endpoint, or the app's fixtures). */
  llm?: AppRunnerOptions['llm'];
  /** A Forge SQL server the developer named; none: the MariaDB Anvil starts itself. */
  sqlEngine?: AppRunnerOptions['sqlEngine'];
}

/**
 * Everything that runs an open app, built in one place and closed in one place: its database,
 * runner, environments, logs and triggers. The workbench and `anvil run`/`trigger`/`webtrigger`
 * build the same thing, so a command behaves as the workbench does.
 *
 * `open` either returns a whole runtime or throws having closed what it opened: a broken app can
 * never leave half a runtime behind (the workbench keeps the app that was open).
 */
export class AppRuntime {
  private closed = false;

  private constructor(
    readonly folder: string,
    readonly db: AppDatabase,
    readonly runner: AppRunner,
    readonly environments: EnvironmentService,
    readonly logs: AppLogs,
    readonly triggers: AppTriggers,
  ) {}

  static open(summary: Pick<AppSummary, 'folder'>, options: AppRuntimeOptions): AppRuntime {
    const db = openAppDatabaseFor(options.dataDir, summary.folder);
    const opened: { close(): unknown }[] = [db];
    try {
      const vault = options.vault;
      // The runner, the environments, the logs and the triggers need each other; these are set below, before any run.
      const late: { environments: EnvironmentService | null; logs: AppLogs | null; triggers: AppTriggers | null } = { environments: null, logs: null, triggers: null };
      const runner = new AppRunner(summary.folder, {
        db,
        dataDir: options.dataDir,
        release: (environment, installation) => late.environments!.release(environment, installation),
        variables: (environment) => late.environments!.variables.values(environment),
        platform: (call) => (late.triggers ? late.triggers.answer(call) : Promise.resolve(null)),
        onLog: (invocationId, level, message, origin, mark) => {
          late.logs?.line(origin, level, message, mark);
          options.onLog?.(invocationId, level, message, origin, mark);
        },
        onInvocation: (origin, outcome) => late.logs?.invocation(origin, outcome),
        redact: (text) => late.logs?.redact(text) ?? text,
        secretKey: () => (vault ? vault.dataKey('app-storage') : Promise.reject(new Error('this workbench has no data folder'))),
        site: { login: () => (vault ? storedAtlassianLogin(vault) : Promise.resolve(null)) },
        providers: { account: (environment, providerKey) => (vault ? connectedProviderAccount(vault, environment, providerKey) : Promise.resolve(null)) },
        onResolversLearned: options.onResolversLearned,
        ...(options.llm ? { llm: options.llm } : {}),
        ...(options.sqlEngine ? { sqlEngine: options.sqlEngine } : {}),
      });
      opened.push(runner);
      const environments = new EnvironmentService(db, vaultSecretValues(vault), summary.folder, () => runner, { dataDir: options.environmentsDataDir });
      late.environments = environments;
      const logs = new AppLogs(db, {
        logAccess: (environment, installation) => environments.logAccess(environment, installation),
        onStored: options.logs?.onStored ?? (() => undefined),
        retentionDays: options.logs?.retentionDays,
        onProblem: options.logs?.onProblem,
        followOthers: options.logs?.followOthers,
      });
      opened.push(logs);
      late.logs = logs;
      const triggers = new AppTriggers({
        appFolder: summary.folder,
        db,
        runner,
        log: (environment, line) => {
          logs.trigger(environment, line);
          options.onTriggerLog?.(environment, { ...line, message: logs.redact(line.message) });
        },
        webTriggerPort: options.webTriggerPort,
      });
      late.triggers = triggers;
      return new AppRuntime(summary.folder, db, runner, environments, logs, triggers);
    } catch (error) {
      // Newest first: the logs and the runner still write to the database while they close.
      for (const part of opened.reverse()) part.close();
      throw error;
    }
  }

  /** Stops the triggers' servers and clocks, flushes the logs, ends the runner process and closes the database. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.triggers.close();
    this.logs.close();
    this.runner.close();
    this.db.close();
    // Forge SQL's engine, if a statement started it: stopped before Anvil reports the app closed.
    await this.runner.closeSql();
  }
}
