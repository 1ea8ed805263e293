import type { CloudFollowStatus, Environment, LogLine } from '../../../common/types';

/** Where the pane reads lines from: the local runner's environment, or the app's real one on the Forge platform. */
export type LogSource = 'local' | 'cloud';

/** The core stores an environment's cloud lines under this name, next to the local ones. */
export function cloudEnvironmentKey(environment: string): string {
  return `cloud:${environment}`;
}

/** The environment the pane queries: the local one, or its cloud lines. */
export function shownEnvironment(environment: string, source: LogSource): string {
  return source === 'cloud' ? cloudEnvironmentKey(environment) : environment;
}

/** Cloud logs can be followed for development, staging and custom environments, not production. */
export function canFollowCloud(environment: Environment): boolean {
  return environment.kind !== 'production';
}

/** `cloud · 4.2.0` for a cloud line; null for a local one. */
export function cloudMark(line: LogLine): string | null {
  if (line.source !== 'cloud') return null;
  return line.appVersion ? `cloud · ${line.appVersion}` : 'cloud';
}

/** The follower's state in plain words: what it does now, and for a stop, why and what to do. */
export function describeCloudFollow(status: CloudFollowStatus | null, clock: (ts: number) => string): string {
  if (!status) return 'Not following the cloud logs of this environment.';
  switch (status.status) {
    case 'starting':
      return 'Connecting to the Forge platform…';
    case 'following':
      return `Following cloud logs (${status.linesStored.toLocaleString('en')} new ${status.linesStored === 1 ? 'line' : 'lines'} stored).`;
    case 'waiting': {
      const until = status.retryAt === null ? '' : ` — waiting until ${clock(status.retryAt)}`;
      const what = status.reason === 'rate-limited' ? 'Rate limited by the Forge platform' : 'Cloud logs unreachable';
      return `${what}${until}. ${status.message}`;
    }
    case 'stopped':
      return status.reason === 'stopped' ? 'Stopped following cloud logs.' : `Stopped: ${status.message}`;
  }
}

/** Following or about to: Stop is offered, Follow is not. */
export function isActive(status: CloudFollowStatus | null): boolean {
  return status !== null && status.status !== 'stopped';
}

/** One invocation as its cloud lines tell it: the platform reports no start, end or result, only lines. */
export interface CloudInvocation {
  invocationId: string;
  functionKey: string | null;
  appVersion: string | null;
  firstTs: number;
  lastTs: number;
  lineCounts: Partial<Record<LogLine['level'], number>>;
  /** Oldest first. */
  lines: LogLine[];
}

/** The lines grouped by invocation, newest invocation first; lines without one are left out. */
export function groupCloudInvocations(lines: readonly LogLine[]): CloudInvocation[] {
  const groups = new Map<string, CloudInvocation>();
  for (const line of lines) {
    if (!line.invocationId) continue;
    let group = groups.get(line.invocationId);
    if (!group) {
      group = { invocationId: line.invocationId, functionKey: line.functionKey, appVersion: line.appVersion ?? null, firstTs: line.ts, lastTs: line.ts, lineCounts: {}, lines: [] };
      groups.set(line.invocationId, group);
    }
    group.firstTs = Math.min(group.firstTs, line.ts);
    group.lastTs = Math.max(group.lastTs, line.ts);
    group.functionKey ??= line.functionKey;
    group.appVersion ??= line.appVersion ?? null;
    group.lineCounts[line.level] = (group.lineCounts[line.level] ?? 0) + 1;
    group.lines.push(line);
  }
  for (const group of groups.values()) group.lines.sort((a, b) => a.ts - b.ts || a.id - b.id);
  return [...groups.values()].sort((a, b) => b.firstTs - a.firstTs);
}
