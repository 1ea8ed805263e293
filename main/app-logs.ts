import type { InvocationSummary, InvocationTimeline, LevelCounts, LogLevel, LogLine, LogPage, LogQuery, RunCall } from '../common/types';
import { AnvilError, databaseProblem, isDatabaseError } from './contract';
import type { AppDatabase } from './database';
import type { CloudLogSink } from './cloud';
import {
  cloudEnvironment,
  cloudLogInput,
  cloudLogSink,
  DEFAULT_FOLLOW_INTERVAL_MS,
  followDatabase,
  LOG_LEVELS,
  LogStore,
  parseSince,
  Redactor,
  type InvocationRecord,
  type LogFilter,
  type LogLineInput,
  type SecretValue,
  type StoredInvocation,
} from './logs';
import type { InvocationOrigin, LogMark, RunOutcome } from './runner';
import type { TriggerLogLine } from './triggers';
import type { EnvironmentService } from './environments';
import { parseAtlassianLogin, type Vault } from './vault';

/** Lines kept at most in one export (the developer console caps downloads too). */
export const MAX_EXPORT_LINES = 100_000;
/** Lines held for another try while the database cannot be written; past this they are counted as dropped. */
export const MAX_HELD_LINES = 20_000;
/** Invocation summaries held the same way. */
const MAX_HELD_INVOCATIONS = 1_000;
/** How soon a write that failed (a full disk) is tried again. */
const RETRY_MS = 2_000;

export interface AppLogsOptions {
  /** Whether an installation's admin shares its logs; off: lines are counted, never stored. */
  logAccess: (environment: string, installation: string | null) => boolean;
  /** Lines as stored (already redacted), for the live view. */
  onStored: (environment: string, lines: LogLine[]) => void;
  /** Days lines are kept (the setting; 30 by default). */
  retentionDays?: number;
  /**
   * The database cannot be written (a full disk, a read-only or damaged file), or can be again: a
   * message that says what happened, to which file, and what to do. Standard error by default.
   */
  onProblem?: (message: string) => void;
  /**
   * Also show live the lines another process stores in the same database (`anvil run` in a
   * terminal); off by default (the command line itself has no live view).
   */
  followOthers?: boolean;
  /** How often the database is read for those lines. */
  followIntervalMs?: number;
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
  /** Invocation summaries not yet written because the database refused them; newest per invocation. */
  private readonly heldInvocations = new Map<string, InvocationRecord>();
  /** Lines dropped (per environment) while the database could not be written, said once it can be again. */
  private readonly dropped = new Map<string, number>();
  /** The message of the write failure now in effect, or null while writes work. */
  private problem: string | null = null;
  private retry: NodeJS.Timeout | null = null;
  private readonly file: string;
  /** Ids of lines this process stored and already showed, until the follower passes them. */
  private readonly ownIds = new Set<number>();
  private stopFollowing: (() => void) | null = null;

  constructor(
    db: AppDatabase,
    private readonly options: AppLogsOptions,
  ) {
    this.file = db.name;
    this.store = new LogStore(db, { redactor: this.redactor, retentionDays: options.retentionDays });
    // Old lines go when the app is opened and when the retention changes.
    this.prune();
    if (options.followOthers) this.followOthers(db, options.followIntervalMs ?? DEFAULT_FOLLOW_INTERVAL_MS);
  }

  /**
   * Lines another process writes reach the live view (and its summaries) without a reload. The
   * follower sees this process's own lines too; those were shown when stored, so they are skipped.
   */
  private followOthers(db: AppDatabase, intervalMs: number): void {
    this.stopFollowing = followDatabase(
      db,
      {},
      (lines) => this.publish(lines.filter((line) => !this.ownIds.delete(line.id))),
      intervalMs,
      (error) => {
        this.stopFollowing = null;
        this.ownIds.clear();
        this.report(`Log lines written by another process (anvil run in a terminal) are no longer shown live: ${(error as Error).message}. Reopen the app to follow them again.`);
      },
    );
  }

  setRetentionDays(days: number): void {
    this.store.setRetentionDays(days);
    this.prune();
  }

  /** Secret values to replace by `[redacted: NAME]` (the vault's and the environments' secrets). */
  setSecrets(secrets: SecretValue[]): void {
    this.redactor.setSecrets(secrets);
  }

  /**
   * Where a cloud log follower stores one real environment's lines: redacted like local lines, and
   * shown live (`onStored`) under `cloud:<environment>`.
   */
  cloudSink(environmentKey: string): CloudLogSink {
    const sink = cloudLogSink(this.store, environmentKey, (text) => this.redactor.redact(text));
    const environment = cloudEnvironment(environmentKey);
    return {
      ...sink,
      store: (lines) => {
        const stored = this.store.append(lines.map((line) => cloudLogInput(line, environment)));
        // Shown here; the follower of other processes' lines passes over them.
        if (this.stopFollowing) for (const line of stored) this.ownIds.add(line.id);
        this.publish(stored);
      },
    };
  }

  /** Text with every known secret replaced, for what is shown without being stored (the live terminal). */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /**
   * An invocation's outcome as it is shown (the runner pane, the command line): its result, calls
   * and error redacted like its lines, so a function returning a secret does not display it.
   */
  redactOutcome<T extends { result: unknown; calls: RunCall[]; error: string | null }>(outcome: T): T {
    return {
      ...outcome,
      result: this.redactor.redactValue(outcome.result),
      calls: this.redactor.redactValue(outcome.calls) as RunCall[],
      error: outcome.error === null ? null : this.redactor.redact(outcome.error),
    };
  }

  /**
   * A console line of app code, or Anvil's own line about the invocation (`mark.fields`, which app
   * code cannot set: the notice of what the platform would drop). `mark.platformDrop`: a deployed
   * function would lose the line; it is stored, marked.
   */
  line(origin: InvocationOrigin, level: string, message: string, mark: LogMark = {}): void {
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
      ...(mark.platformDrop ? { platformDrop: mark.platformDrop } : {}),
      ...(mark.fields ? { fields: mark.fields } : {}),
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
    this.record({
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
    return this.reading(() => {
      const page = this.store.query(filter);
      const withheld = this.store.withheld({ environment: query.environment, installation: query.installation, invocationId: query.invocationId, since: filter.since, until: filter.until });
      return { lines: page.lines, nextBefore: page.nextBefore, withheld: withheld.map((entry) => ({ installation: entry.installation ?? 'unknown', count: entry.count })) };
    });
  }

  invocations(query: LogQuery): InvocationSummary[] {
    this.flush();
    const filter = filterOf(query);
    return this.reading(() =>
      this.store
        .invocations({
          environment: query.environment,
          functionKey: query.functionKey,
          moduleKey: query.moduleKey,
          installation: query.installation,
          since: filter.since,
          until: filter.until,
          limit: Math.min(query.limit ?? 50, 1000),
        })
        .map((invocation) => ({ ...summaryOf(invocation), lineCounts: invocation.lineCounts })),
    );
  }

  timeline(invocationId: string): InvocationTimeline | null {
    this.flush();
    const timeline = this.reading(() => this.store.invocation(invocationId));
    if (!timeline) return null;
    const lines = timeline.lines;
    const counts: Partial<Record<LogLevel, number>> = {};
    for (const line of lines) counts[line.level] = (counts[line.level] ?? 0) + 1;
    const summary: InvocationSummary = timeline.summary
      ? { ...summaryOf(timeline.summary), lineCounts: counts }
      : {
          invocationId,
          environment: lines[0]?.environment ?? '',
          functionKey: lines[0]?.functionKey ?? null,
          moduleKey: lines[0]?.moduleKey ?? null,
          installation: lines[0]?.installation ?? null,
          startedAt: lines[0]?.ts ?? 0,
          durationMs: null,
          status: null,
          error: null,
          lineCounts: counts,
        };
    const calls: RunCall[] = timeline.summary?.calls ?? [];
    let result: unknown = null;
    if (timeline.summary?.resultJson && !timeline.summary.resultTrimmed) result = JSON.parse(timeline.summary.resultJson) as unknown;
    else if (timeline.summary?.resultJson) result = `${timeline.summary.resultJson}… (trimmed)`;
    return { summary, calls, result, lines, withheld: timeline.withheld };
  }

  levelCounts(query: LogQuery, bucketMs: number): LevelCounts {
    this.flush();
    const filter = filterOf(query);
    return this.reading(() => this.store.levelCounts(filter, bucketMs));
  }

  exportText(query: LogQuery, format: 'jsonl' | 'csv'): { text: string; truncated: boolean } {
    this.flush();
    const filter = filterOf(query);
    return this.reading(() => {
      const chunks: string[] = [];
      const lines = this.store.exportLines(filter, format, { maxLines: MAX_EXPORT_LINES });
      let step = lines.next();
      while (!step.done) {
        chunks.push(step.value);
        step = lines.next();
      }
      return { text: chunks.join(''), truncated: step.value.truncated };
    });
  }

  /**
   * Store what is queued now (also before a query, so a reader sees every line acknowledged so far).
   * A database that cannot be written (a full disk) never ends the workbench: the lines are held
   * for another try (up to MAX_HELD_LINES, the rest counted and said), and what is stored stays.
   */
  flush(): void {
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = null;
    if (this.pending.length === 0 && this.heldInvocations.size === 0 && this.dropped.size === 0) return;
    const batch = this.pending;
    this.pending = [];
    const notices = this.droppedNotices();
    let stored: LogLine[];
    try {
      stored = this.store.append(notices.length > 0 ? [...batch, ...notices] : batch);
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      this.hold(batch);
      this.failed(error);
      return;
    }
    if (notices.length > 0) this.dropped.clear();
    for (const record of [...this.heldInvocations.values()]) {
      this.heldInvocations.delete(record.invocationId);
      this.record(record);
    }
    if (this.heldInvocations.size === 0) this.recovered();
    if (this.stopFollowing) for (const line of stored) this.ownIds.add(line.id);
    this.publish(stored);
  }

  private publish(stored: LogLine[]): void {
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
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.ownIds.clear();
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const lost = this.pending.length + [...this.dropped.values()].reduce((sum, count) => sum + count, 0);
    if (this.problem && lost > 0) this.report(`${lost} log lines were not stored before the app was closed. ${this.problem}`);
  }

  private queue(line: LogLineInput): void {
    if (this.closed) return;
    this.pending.push(line);
    // While the database refuses writes, the retry timer stores the lines; no attempt per line.
    if (this.problem === null) this.flushing ??= setImmediate(() => this.flush());
  }

  private record(record: InvocationRecord): void {
    try {
      this.store.recordInvocation(record);
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      this.heldInvocations.delete(record.invocationId);
      if (this.heldInvocations.size < MAX_HELD_INVOCATIONS) this.heldInvocations.set(record.invocationId, record);
      this.failed(error);
    }
  }

  private prune(): void {
    try {
      this.store.prune();
      this.store.settleAbandoned();
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      // Old lines stay a little longer; the next prune removes them.
      this.failed(error);
    }
  }

  /** Lines that could not be written go back in front of the queue; beyond the limit they are counted. */
  private hold(batch: LogLineInput[]): void {
    const held = [...batch, ...this.pending];
    for (const line of held.slice(MAX_HELD_LINES)) this.dropped.set(line.environment, (this.dropped.get(line.environment) ?? 0) + 1);
    this.pending = held.slice(0, MAX_HELD_LINES);
  }

  private droppedNotices(): LogLineInput[] {
    return [...this.dropped].map(([environment, count]) => ({
      ts: Date.now(),
      environment,
      level: 'warn',
      message: `Anvil could not store ${count} log lines while the app database could not be written; the lines before and after them are kept.`,
      invocationId: null,
      functionKey: null,
      moduleKey: null,
      installation: null,
    }));
  }

  private failed(error: Error): void {
    const message = databaseProblem(error, this.file) ?? error.message;
    if (message !== this.problem) this.report(`Log lines are held and not stored yet: ${message}`);
    this.problem = message;
    if (!this.closed)
      this.retry ??= setTimeout(() => {
        this.retry = null;
        this.flush();
      }, RETRY_MS).unref();
  }

  private recovered(): void {
    if (this.problem === null) return;
    this.problem = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.report(`The app database ${this.file} is written again; the log lines held meanwhile are stored.`);
  }

  private report(message: string): void {
    (this.options.onProblem ?? ((text: string) => console.error(text)))(message);
  }

  /** Reads name the file and the fix when the database fails (a damaged file). */
  private reading<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      const message = databaseProblem(error, this.file);
      if (message) throw new AnvilError('io-error', message);
      throw error;
    }
  }
}

/** Every secret Anvil knows: the vault's credentials and the environments' secret variables (host code only). */
export async function knownSecrets(vault: Vault | null, environments: EnvironmentService): Promise<SecretValue[]> {
  const secrets: SecretValue[] = [];
  if (vault) {
    for (const credential of await vault.list().catch(() => [])) {
      const value = await vault.read(credential.name).catch(() => null);
      if (value === null) continue;
      // An account entry changed outside Anvil is redacted whole: whatever it holds may be its token.
      const login = credential.kind === 'atlassian-account' ? parseAtlassianLogin(value) : null;
      const token = login?.ok ? login.value.token : value;
      if (token) secrets.push({ name: credential.name, value: token });
    }
  }
  for (const environment of environments.list()) secrets.push(...(await environments.variables.secretValues(environment.key).catch(() => [])));
  return secrets;
}

function levelOf(level: string): LogLevel {
  return LOG_LEVELS.find((known) => known === level) ?? 'log';
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
