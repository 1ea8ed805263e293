/** How a command talks to its terminal; tests pass their own. */
export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user asks a long-running command to stop (Ctrl+C). */
  untilInterrupted(): Promise<void>;
  /** Calls `stop` on the first Ctrl+C until the returned function is called (a second Ctrl+C then ends the process as usual). */
  onInterrupt?(stop: () => void): () => void;
}

/** A failure the user caused and can fix; printed without a stack, exit code 2. */
export class CommandError extends Error {}

export const processIO: CommandIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  untilInterrupted: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
  onInterrupt: (stop) => {
    process.once('SIGINT', stop);
    return () => process.off('SIGINT', stop);
  },
};
