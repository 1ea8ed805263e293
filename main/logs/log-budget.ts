import { PLATFORM_LOG_BYTES } from './platform-log-limits';

/**
 * Anvil keeps this much console output per invocation: ten times the platform's 200 KB, so the
 * lines a deployed function would lose are still there to read (marked, see platform-log-limits),
 * while a log flood cannot fill memory or the database.
 */
export const MAX_INVOCATION_LOG_BYTES = 2 * 1024 * 1024;
/**
 * One console line is kept up to this many characters (a sixth of the platform's 200 KB, so one
 * line never hides the others); the rest of the line is cut and the line says how much went. Below
 * the log store's message limit, so the store keeps that note.
 */
export const MAX_LOG_LINE_CHARS = 32 * 1024;

export interface BudgetedLine {
  level: string;
  message: string;
}

/**
 * The console output of one invocation, held to what Anvil keeps. App code can log a
 * 50 MB string or a million lines; everything past the budget is counted, not kept, so no copy,
 * join or JSON of an invocation's lines can outgrow memory or V8's longest string. `redact` runs
 * before a line is cut (a cut must never leave part of a secret behind) and never on a line that
 * is dropped anyway.
 */
export class LogBudget {
  private used = 0;
  private full = false;
  private cutLines = 0;
  private cutBytes = 0;

  constructor(private readonly redact: (text: string) => string = (text) => text) {}

  /** The line as it may be kept (redacted, cut to the line limit), or null when Anvil's budget is spent. */
  admit(level: string, message: string): BudgetedLine | null {
    // The runner child is app code's process: what it reports is checked, not trusted.
    if (typeof message !== 'string') message = String(message);
    if (this.full) {
      this.drop(message);
      return null;
    }
    let text = this.redact(message);
    if (text.length > MAX_LOG_LINE_CHARS) {
      let end = MAX_LOG_LINE_CHARS;
      // Never end on half of a surrogate pair.
      if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
      const rest = byteLength(text, end);
      this.cutBytes += rest;
      text = `${text.slice(0, end)}… [${kilobytes(rest)} KB of this line cut: Anvil keeps ${MAX_LOG_LINE_CHARS / 1024} KB of one log line]`;
    }
    const size = byteLength(text, 0) + 1;
    if (this.used + size > MAX_INVOCATION_LOG_BYTES) {
      this.full = true;
      this.drop(message);
      return null;
    }
    this.used += size;
    return { level, message: text };
  }

  /** The line that says what was cut, or null when nothing was. */
  summary(): BudgetedLine | null {
    if (this.cutLines === 0 && this.cutBytes === 0) return null;
    return {
      level: 'warn',
      message: `${this.cutLines} lines / ${kilobytes(this.cutBytes)} KB cut: Anvil keeps ${MAX_INVOCATION_LOG_BYTES / 1024 / 1024} MB of logs per invocation (the platform keeps ${PLATFORM_LOG_BYTES / 1024} KB)`,
    };
  }

  private drop(message: string): void {
    this.cutLines += 1;
    this.cutBytes += byteLength(message, 0) + 1;
  }
}

/** UTF-8 bytes of `text` from `start`, without copying a huge string into a buffer. */
function byteLength(text: string, start: number): number {
  return Buffer.byteLength(start === 0 ? text : text.slice(start), 'utf8');
}

function kilobytes(bytes: number): string {
  return Math.ceil(bytes / 1024).toLocaleString('en-US');
}
