import type { CommandIO } from '../commands';

/**
 * A command's terminal for a test: what it prints, line by line. `untilInterrupted` stands for the
 * user pressing Ctrl+C: by default at once; a test of a serving command passes what to do meanwhile.
 */
export function capturedIO(untilInterrupted: (out: string[]) => Promise<void> = () => Promise.resolve()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (line) => out.push(line), err: (line) => err.push(line), untilInterrupted: () => untilInterrupted(out) };
  return { io, out, err };
}
