import { describeAppFolder } from '../app';
import { AnvilError, databaseProblem } from '../contract';
import { openAppDatabaseFor } from '../database';
import { defaultDataDir } from '../data-dir';
import { exportRecord, followDatabase, LOG_LEVELS, LogReader, parseSince, type LogFilter, type StoredLogLine } from '../logs';
import path from 'node:path';
import { cloudLogs } from './cloud-logs';
import { CommandError, type CommandIO } from './command';
import { tunnelLine } from './local-app';
import { terminalJson } from '../../common/terminal-text';

export interface LogsOptions {
  environment?: string;
  since?: string;
  level?: string;
  grep?: string;
  invocation?: string;
  limit?: number;
  /** Only the lines the platform would keep, or only those it would drop. */
  platform?: string;
  follow: boolean;
  json: boolean;
  dataDir?: string;
  /** Read the environment's logs from the Forge platform (the app's real environment) instead of the local store. */
  cloud?: boolean;
}

/** `anvil logs <app-folder>`: the stored logs of an environment, and with --follow, new ones as they are written (from any process). */
export async function logs(appFolder: string, options: LogsOptions, io: CommandIO): Promise<number> {
  const summary = await describeAppFolder(appFolder).catch((error: Error) => {
    throw new CommandError(error.message);
  });
  const minLevel = LOG_LEVELS.find((level) => level === options.level);
  if (options.level !== undefined && minLevel === undefined) {
    throw new CommandError(`--level ${options.level} is not a level; use one of ${LOG_LEVELS.join(', ')} (lines at that level and above are shown).`);
  }
  const platform = options.platform === 'kept' || options.platform === 'dropped' ? options.platform : undefined;
  if (options.platform !== undefined && platform === undefined) {
    throw new CommandError(`--platform ${options.platform} is not a choice; use kept (only the lines the platform keeps) or dropped (only those a deployed function would lose).`);
  }
  let filter: LogFilter;
  try {
    filter = {
      environment: options.environment ?? 'development',
      minLevel,
      text: options.grep,
      invocationId: options.invocation,
      since: options.since ? parseSince(options.since) : undefined,
      limit: options.limit ?? 200,
      platform,
    };
  } catch (error) {
    throw new CommandError(`--since ${options.since ?? ''}: ${(error as Error).message}`);
  }
  if (options.cloud) {
    if (platform !== undefined) throw new CommandError('--platform marks local lines a deployed function would lose; cloud lines are what the platform kept. Leave out --platform with --cloud.');
    return cloudLogs(
      summary,
      {
        environment: options.environment ?? 'development',
        since: filter.since,
        filter: { minLevel: filter.minLevel, text: filter.text, invocationId: filter.invocationId, limit: filter.limit },
        follow: options.follow,
        json: options.json,
        dataDir: path.resolve(options.dataDir ?? defaultDataDir()),
      },
      io,
    );
  }
  const db = openAppDatabaseFor(path.resolve(options.dataDir ?? defaultDataDir()), summary.folder);
  const print = (line: StoredLogLine) => io.out(options.json ? terminalJson(exportRecord(line)) : tunnelLine(line.level, line.invocationId, line.message, line.platformDrop));
  try {
    const reader = new LogReader(db);
    const page = reader.query(filter);
    // Oldest first, like a terminal scrolls.
    for (const line of [...page.lines].reverse()) print(line);
    if (!options.follow) {
      if (page.lines.length === 0 && !options.json)
        io.err(`No log lines in ${filter.environment}${options.since ? ` since ${options.since}` : ''}. Run a function or fire a trigger, then try again (or add --follow).`);
      return 0;
    }
    const newest = page.lines[0]?.id ?? reader.lastId();
    const stop = followDatabase(
      db,
      { ...filter, since: undefined, limit: undefined, afterId: newest },
      (lines) => lines.forEach(print),
      200,
      (error) => io.err(`Stopped following: ${(error as Error).message}`),
    );
    await io.untilInterrupted();
    stop();
    return 0;
  } catch (error) {
    if (error instanceof AnvilError) throw new CommandError(error.message);
    const problem = databaseProblem(error, db.name);
    if (problem) throw new CommandError(problem);
    throw error;
  } finally {
    db.close();
  }
}
