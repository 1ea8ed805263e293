import type { InvocationSummary, InvocationTimeline, LevelCounts, LogLevel, LogLine, LogPage, LogQuery, RunCall } from '../common/types';
import type { AppDatabase } from './database';
import { LOG_LEVELS, LogStore, parseSince, Redactor, type LogFilter, type LogLineInput, type SecretValue, type StoredInvocation } from './logs';
import type { InvocationOrigin, RunOutcome } from './runner';
import type { TriggerLogLine } from './triggers';
import type { EnvironmentService } from './environments';
import type { Vault } from './vault';

/** Lines kept at most in one export (the developer console caps downloads too). */
export const MAX_EXPORT_LINES = 100_000;

export interface AppLogsOptions {
  /** Whether an installation's admin shares its logs; off: lines are counted, never stored. */
  logAccess: (environment: string, installation: string | null) => boolean;
  /** Lines as stored (already redacted), for the live view. */
  onStored: (environment: string, lines: LogLine[]) => void;
  /** Days lines are kept (the setting; 30 by default). */
  retentionDays?: number;
}

/**
 * Every log line of the open app, from the runner and the triggers, into the logs store: redacted
 * before it is stored or shown, batched into one transaction per turn of the event loop (a log
 * flood costs one commit per batch, not per line), and withheld for installations whose admin
 * turned log access off.
 */
export class AppLogs {
  readonly store: LogStore;
  private readonly redactor = new Redactor();
  private pending: LogLineInput[] = [];
  private flushing: NodeJS.Immediate | null = null;
  private closed = false;
  /** Whether each running invocation's installation shares its logs: asked once when it starts, not per line. */
  private readonly logAccess = new Map<string, boolean>();

  constructor(
    db: AppDatabase,
    private readonly options: AppLogsOptions,
  ) {
    this.store = new LogStore(db, { redactor: this.redactor, retentionDays: options.retentionDays });
    // Old lines go when the app is opened and when the retention changes.
    this.store.prune();
  }

  setRetentionDays(days: number): void {
    this.store.setRetentionDays(days);
    this.store.prune();
  }

  /** Secret values to replace by `[redacted: NAME]` (the vault's and the environments' secrets). */
  setSecrets(secrets: SecretValue[]): void {
    this.redactor.setSecrets(secrets);
  }

  /** Text with every known secret replaced, for what is shown without being stored (the live terminal). */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** A console line of app code. */
  line(origin: InvocationOrigin, level: string, message: string): void {
    this.queue({
      ts: Date.now(),
      environment: origin.environment,
      level: levelOf(level),
      message,
      invocationId: origin.invocationId,
      functionKey: origin.functionKey,
      moduleKey: origin.moduleKey,
      installation: origin.installation,
      withheld: !(this.logAccess.get(origin.invocationId) ?? this.options.logAccess(origin.environment, origin.installation)),
    });
  }

  /** A trigger's own line (delivered, refused, retried), with its structured fields. */
  trigger(environment: string, line: TriggerLogLine): void {
    this.queue({
      ts: Date.now(),
      environment,
      level: line.level,
      message: line.message,
      invocationId: line.invocationId,
      functionKey: null,
      moduleKey: line.moduleKey,
      installation: null,
      fields: { source: 'trigger' },
    });
  }

  /** An invocation starts (outcome null) or ends. */
  invocation(origin: InvocationOrigin, outcome: RunOutcome | null): void {
    if (this.closed) return;
    if (outcome === null) this.logAccess.set(origin.invocationId, this.options.logAccess(origin.environment, origin.installation));
    this.flush();
    if (outcome !== null) this.logAccess.delete(origin.invocationId);
    this.store.recordInvocation({
      invocationId: origin.invocationId,
      environment: origin.environment,
      functionKey: origin.functionKey,
      moduleKey: origin.moduleKey,
      installation: origin.installation,
      startedAt: origin.startedAt,
      durationMs: outcome?.durationMs ?? null,
      status: outcome?.status ?? 'running',
      error: outcome?.error ?? null,
      calls: outcome?.calls ?? [],
      ...(outcome && outcome.status === 'ok' ? { result: outcome.result } : {}),
    });
  }

  query(query: LogQuery): LogPage {
    this.flush();
    const filter = filterOf(query);
    const page = this.store.query(filter);
    const withheld = this.store.withheld({ environment: query.environment, installation: query.installation, invocationId: query.invocationId, since: filter.since, until: filter.until });
    return { lines: page.lines, nextBefore: page.nextBefore, withheld: withheld.map((entry) => ({ installation: entry.installation ?? 'unknown', count: entry.count })) };
  }

  invocations(query: LogQuery): InvocationSummary[] {
    this.flush();
    const filter = filterOf(query);
    return this.store
      .invocations({ environment: query.environment, functionKey: query.functionKey, moduleKey: query.moduleKey, installation: query.installation, since: filter.since, until: filter.until, limit: Math.min(query.limit ?? 50, 1000) })
      .map((invocation) => ({ ...summaryOf(invocation), lineCounts: invocation.lineCounts }));
  }

  timeline(invocationId: string): InvocationTimeline | null {
    this.flush();
    const timeline = this.store.invocation(invocationId);
    if (!timeline) return null;
    const lines = timeline.lines;
    const counts: Partial<Record<LogLevel, number>> = {};
    for (const line of lines) counts[line.level] = (counts[line.level] ?? 0) + 1;
    const summary: InvocationSummary = timeline.summary
      ? { ...summaryOf(timeline.summary), lineCounts: counts }
      : { invocationId, environment: lines[0]?.environment ?? '', functionKey: lines[0]?.functionKey ?? null, moduleKey: lines[0]?.moduleKey ?? null, installation: lines[0]?.installation ?? null, startedAt: lines[0]?.ts ?? 0, durationMs: null, status: null, error: null, lineCounts: counts };
    const calls: RunCall[] = timeline.summary?.calls ?? [];
    let result: unknown = null;
    if (timeline.summary?.resultJson && !timeline.summary.resultTrimmed) result = JSON.parse(timeline.summary.resultJson) as unknown;
    else if (timeline.summary?.resultJson) result = `${timeline.summary.resultJson}… (trimmed)`;
    return { summary, calls, result, lines, withheld: timeline.withheld };
  }

  levelCounts(query: LogQuery, bucketMs: number): LevelCounts {
    this.flush();
    return this.store.levelCounts(filterOf(query), bucketMs);
  }

  exportText(query: LogQuery, format: 'jsonl' | 'csv'): { text: string; truncated: boolean } {
    this.flush();
    const chunks: string[] = [];
    const lines = this.store.exportLines(filterOf(query), format, { maxLines: MAX_EXPORT_LINES });
    let step = lines.next();
    while (!step.done) {
      chunks.push(step.value);
      step = lines.next();
    }
    return { text: chunks.join(''), truncated: step.value.truncated };
  }

  /** Store what is queued now (also before a query, so a reader sees every line acknowledged so far). */
  flush(): void {
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const stored = this.store.append(batch);
    const byEnvironment = new Map<string, LogLine[]>();
    for (const line of stored) {
      const list = byEnvironment.get(line.environment) ?? [];
      list.push(line);
      byEnvironment.set(line.environment, list);
    }
    for (const [environment, lines] of byEnvironment) this.options.onStored(environment, lines);
  }

  /** Store what is queued; later lines (a runner still winding down) are dropped, as the database closes next. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private queue(line: LogLineInput): void {
    if (this.closed) return;
    this.pending.push(line);
    this.flushing ??= setImmediate(() => this.flush());
  }
}

/** Every secret Anvil knows: the vault's credentials and the environments' secret variables (host code only). */
export async function knownSecrets(vault: Vault | null, environments: EnvironmentService): Promise<SecretValue[]> {
  const secrets: SecretValue[] = [];
  if (vault) {
    for (const credential of await vault.list().catch(() => [])) {
      const value = await vault.read(credential.name).catch(() => null);
      if (value === null) continue;
      const token = credential.kind === 'atlassian-account' ? (JSON.parse(value) as { token?: string }).token : value;
      if (token) secrets.push({ name: credential.name, value: token });
    }
  }
  for (const environment of environments.list()) secrets.push(...(await environments.variables.secretValues(environment.key).catch(() => [])));
  return secrets;
}

function levelOf(level: string): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'log';
}

/** The contract's query in the store's terms; `since`/`until` accept `15m` or a date. */
export function filterOf(query: LogQuery): LogFilter {
  const now = Date.now();
  return {
    environment: query.environment,
    levels: query.levels,
    text: query.text || undefined,
    functionKey: query.functionKey || undefined,
    moduleKey: query.moduleKey || undefined,
    installation: query.installation || undefined,
    invocationId: query.invocationId || undefined,
    since: query.since ? parseSince(query.since, now) : undefined,
    until: query.until ? parseSince(query.until, now) : undefined,
    beforeId: query.beforeId,
    afterId: query.afterId,
    limit: query.limit,
  };
}

function summaryOf(invocation: StoredInvocation): Omit<InvocationSummary, 'lineCounts'> {
  return {
    invocationId: invocation.invocationId,
    environment: invocation.environment,
    functionKey: invocation.functionKey,
    moduleKey: invocation.moduleKey,
    installation: invocation.installation,
    startedAt: invocation.startedAt,
    durationMs: invocation.durationMs,
    status: invocation.status,
    error: invocation.error,
  };
}
