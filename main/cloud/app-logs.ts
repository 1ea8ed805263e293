import { boolean, fields, integer, list, nullable, optional, required, string, type Check } from '../contract';
import type { AppIds } from './app-ids';
import { checkedData, type GraphqlCall } from './graphql-transport';

/** One log line of a cloud invocation. */
export interface CloudLogLine {
  invocationId: string;
  functionKey: string | null;
  appVersion: string | null;
  /** The platform's level (`lvl`): INFO, WARN, ERROR, DEBUG, LOG…; null when it gave none. */
  level: string | null;
  /** When the line was written (ISO 8601). */
  ts: string;
  message: string | null;
  /** The console call's further arguments (the platform sends them as one JSON text). */
  other: unknown[];
  /** The platform's error text for the line, when it has one. */
  error: string | null;
}

export interface AppLogsRequest {
  /** The manifest's app.id (the ARI) or its uuid. */
  appId: string;
  /** The environment's platform id (see `environmentId`), not its key. */
  environmentId: string;
  /** The earliest line to include. */
  since: Date;
  /** The latest line to include; now when absent. Paging a fixed window keeps offsets stable. */
  until?: Date;
  /** The first line of the window to answer, counted from 0. */
  offset: number;
  /** How many lines to answer at most; the platform may answer fewer. */
  limit: number;
}

export interface AppLogsPage {
  lines: CloudLogLine[];
  /** Whether the window holds lines after this page (ask again with `offset + lines.length`). */
  hasNextPage: boolean;
  /** How many lines the window holds in all. */
  totalLogs: number;
  /** The window this page was cut from, so the next page can ask for the same one. */
  window: { since: Date; until: Date };
}

/** The largest page Anvil asks for. */
export const MAX_LOG_PAGE = 1000;

/**
 * Anvil's logs query. Every field it selects is one the Forge CLI's own logs query
 * (`forge_cli_getApplicationLogsV2` in @forge/cli-shared) selects too; a test compares them.
 */
export const APP_LOGS_QUERY = `
  query anvil_getAppLogs(
    $appId: String!,
    $environmentId: String!,
    $dateSearchInput: DateSearchInput,
    $offset: Int!,
    $limit: Int!,
    $queryStartTime: String!
  ) {
    appLogsWithMetaData(
      appId: $appId
      environmentId: $environmentId
      limit: $limit
      offset: $offset
      queryStartTime: $queryStartTime
      query: { dates: $dateSearchInput }
    ) {
      appLogs {
        appVersion
        message
        environmentId
        invocationId
        functionKey
        lvl
        error
        other
        ts
      }
      hasNextPage
      totalLogs
    }
  }
`;

const timestamp: Check<string> = (value, path) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : `${path} must be a timestamp, got ${JSON.stringify(value)?.slice(0, 40)}`);
const maybe = (check: Check<string>) => optional(nullable(check));

const logsAnswer = fields({
  appLogs: required(
    list(
      fields({
        invocationId: required(string()),
        ts: required(timestamp),
        appVersion: maybe(string()),
        message: maybe(string()),
        functionKey: maybe(string()),
        lvl: maybe(string()),
        error: maybe(string()),
        other: maybe(string()),
      }),
      MAX_LOG_PAGE * 10,
    ),
  ),
  hasNextPage: required(boolean),
  totalLogs: required(integer(0, Number.MAX_SAFE_INTEGER)),
});

type Run = (call: GraphqlCall) => Promise<Record<string, unknown>>;

export async function appLogs(run: Run, ids: AppIds, request: AppLogsRequest, now: () => number): Promise<AppLogsPage> {
  const since = request.since;
  const until = request.until ?? new Date(now());
  const purpose = 'read the app’s cloud logs';
  if (!Number.isInteger(request.offset) || request.offset < 0) throw new RangeError(`offset must be a whole number from 0, got ${request.offset}`);
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_LOG_PAGE) throw new RangeError(`limit must be a whole number from 1 to ${MAX_LOG_PAGE}, got ${request.limit}`);
  const data = await run({
    purpose,
    query: APP_LOGS_QUERY,
    variables: {
      appId: ids.uuid,
      environmentId: request.environmentId,
      dateSearchInput: { earliestStart: since.toISOString(), latestStart: until.toISOString() },
      offset: request.offset,
      limit: request.limit,
      // The Forge CLI sends the window's start here as well.
      queryStartTime: since.toISOString(),
    },
  });
  const answer = checkedData(data.appLogsWithMetaData, logsAnswer, purpose, 'appLogsWithMetaData');
  return {
    lines: answer.appLogs.map((line) => ({
      invocationId: line.invocationId,
      functionKey: line.functionKey || null,
      appVersion: line.appVersion || null,
      level: line.lvl || null,
      ts: line.ts,
      message: line.message ?? null,
      other: otherArguments(line.other),
      error: line.error || null,
    })),
    hasNextPage: answer.hasNextPage,
    totalLogs: answer.totalLogs,
    window: { since, until },
  };
}

/** `other` is a JSON text of the call's further arguments; a text that is not JSON is kept as one argument rather than lost. */
function otherArguments(text: string | null | undefined): unknown[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [value];
  } catch {
    return [text];
  }
}
