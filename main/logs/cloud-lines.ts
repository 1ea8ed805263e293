import type { CloudLogLine, CloudLogSink } from '../cloud';
import type { LogStore } from './log-store';
import { LOG_LEVELS, type LogLevel, type LogLineInput } from './types';

/** Characters of a message that take part in a line's identity: enough to tell lines apart, short enough to keep many. */
const KEY_MESSAGE_CHARS = 512;

/**
 * The store's environment for an app's real environment on the platform: `cloud:staging`. Apart
 * from the local environment of the same name, so filters, counts and invocation lists of each stay
 * their own; a local environment's name cannot hold a colon.
 */
export function cloudEnvironment(key: string): string {
  return `cloud:${key}`;
}

/** The platform's level (INFO, WARN, ERROR, DEBUG, LOG…) as a console level; anything else is `log`. */
export function cloudLevel(level: string | null): LogLevel {
  const lower = (level ?? '').toLowerCase();
  if (lower === 'warning') return 'warn';
  return LOG_LEVELS.find((known) => known === lower) ?? 'log';
}

/**
 * The console call as one message, the way the Forge CLI prints it: the message, then each further
 * argument (strings as they are, anything else as JSON), then the platform's error text.
 */
export function cloudMessage(line: CloudLogLine): string {
  const parts = [line.message ?? '', ...line.other.map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))))];
  if (line.error) parts.push(line.error);
  return parts.filter((part) => part !== '').join(' ');
}

/** A cloud line as the store takes it: marked cloud, with its app version and function. */
export function cloudLogInput(line: CloudLogLine, environment: string): LogLineInput {
  return {
    ts: Date.parse(line.ts),
    environment,
    level: cloudLevel(line.level),
    message: cloudMessage(line),
    invocationId: line.invocationId,
    functionKey: line.functionKey,
    moduleKey: null,
    // The platform's logs query gives no installation (see docs/forge-platform-api.md).
    installation: null,
    source: 'cloud',
    ...(line.appVersion ? { appVersion: line.appVersion } : {}),
  };
}

/**
 * The logs store as the place a cloud log follower writes one environment's lines to. A line's
 * identity is its invocation, time, level and (redacted) message: the platform gives lines no id,
 * and reads of overlapping windows answer the same line again.
 */
export function cloudLogSink(store: LogStore, environmentKey: string, redact: (text: string) => string): CloudLogSink {
  const environment = cloudEnvironment(environmentKey);
  const key = (invocationId: string | null, ts: number, level: string, message: string) => JSON.stringify([invocationId, ts, level, message.slice(0, KEY_MESSAGE_CHARS)]);
  return {
    newestTs: () => store.newestTs(environment),
    storedKeys: (from) => store.linesBetween({ environment, since: from }, 0).map((line) => ({ key: key(line.invocationId, line.ts, line.level, line.message), ts: line.ts })),
    // Redacted as the store will redact it, so a line stored before matches the same line read again.
    keyOf: (line) => key(line.invocationId, Date.parse(line.ts), cloudLevel(line.level), redact(cloudMessage(line))),
    store: (lines) => void store.append(lines.map((line) => cloudLogInput(line, environment))),
  };
}
