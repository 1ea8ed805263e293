/**
 * What the platform keeps of one invocation's console output (FACTS §5.5, "Logs"; the invocation
 * limits page): 100 log lines per runtime minute, the minute count being the function's timeout
 * (`timeoutSeconds`) rounded up to whole minutes, and 200 KB of log data. Anvil keeps more than
 * that locally; these are the lines a deployed function would lose.
 */
export const PLATFORM_LOG_LINES_PER_MINUTE = 100;
export const PLATFORM_LOG_BYTES = 200 * 1024;

/** Why the platform would not keep a line: past the line count, or past the size. */
export type PlatformDrop = 'lines' | 'size';

/** Lines the platform keeps for a function with this timeout (25 s or none: 100; 90 s: 200). */
export function platformLogLines(timeoutSeconds: number): number {
  const minutes = Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? Math.ceil(timeoutSeconds / 60) : 1;
  return PLATFORM_LOG_LINES_PER_MINUTE * Math.max(1, minutes);
}

/** The one line per invocation that says what the platform would drop, with its facts as fields. */
export interface PlatformLogNotice {
  level: 'warn';
  message: string;
  fields: {
    source: 'anvil';
    platformLogLimit: PlatformDrop[];
    droppedLines: number;
    lines: number;
    maxLines: number;
    maxBytes: number;
  };
}

/**
 * Judges each line of one invocation, in order, as the platform would: the first lines up to the
 * line limit are kept; once the kept lines reach 200 KB, that line and every later one go. The size
 * is the line as the function logged it (before Anvil cuts a long line for its own store).
 */
export class PlatformLogLimits {
  readonly maxLines: number;
  private lines = 0;
  private bytes = 0;
  private full = false;
  private readonly dropped: Record<PlatformDrop, number> = { lines: 0, size: 0 };

  constructor(private readonly timeoutSeconds: number) {
    this.maxLines = platformLogLines(timeoutSeconds);
  }

  /** Null when the platform keeps the line, else why it would not. */
  judge(message: string): PlatformDrop | null {
    this.lines += 1;
    if (this.lines > this.maxLines) return this.drop('lines');
    if (this.full) return this.drop('size');
    const size = Buffer.byteLength(message, 'utf8');
    if (this.bytes + size > PLATFORM_LOG_BYTES) {
      this.full = true;
      return this.drop('size');
    }
    this.bytes += size;
    return null;
  }

  /** The notice, or null when the platform would have kept every line. */
  notice(): PlatformLogNotice | null {
    const droppedLines = this.dropped.lines + this.dropped.size;
    if (droppedLines === 0) return null;
    const hit = (['lines', 'size'] as const).filter((limit) => this.dropped[limit] > 0);
    const limits = hit.map((limit) =>
      limit === 'lines'
        ? `${this.maxLines.toLocaleString('en-US')} log lines per invocation (${PLATFORM_LOG_LINES_PER_MINUTE} per runtime minute of the function's ${this.timeoutSeconds} s timeout, rounded up)`
        : `${PLATFORM_LOG_BYTES / 1024} KB of log data per invocation`,
    );
    return {
      level: 'warn',
      message: `The platform would drop ${droppedLines.toLocaleString('en-US')} of this invocation's ${this.lines.toLocaleString('en-US')} log lines: it keeps ${limits.join(' and ')}. Anvil kept them and marks each one "platform drops".`,
      fields: { source: 'anvil', platformLogLimit: hit, droppedLines, lines: this.lines, maxLines: this.maxLines, maxBytes: PLATFORM_LOG_BYTES },
    };
  }

  private drop(reason: PlatformDrop): PlatformDrop {
    this.dropped[reason] += 1;
    return reason;
  }
}
