import { createRequire } from 'node:module';
import type { IPty } from 'node-pty';
import { AnvilError } from '../contract';

/** How many terminals one workbench may have open at once. */
export const MAX_TERMINALS = 8;

/** What a terminal's output passes through before it leaves the core (a CLI run's redaction of its login). */
export interface OutputFilter {
  /** The part of `data` that may be shown now (a possible start of a secret waits for the next chunk). */
  write(data: string): string;
  /** What was held back, once the process has ended. */
  end(): string;
}

/** A program a terminal runs instead of a shell: an absolute path and its arguments, never read by a shell. */
export interface TerminalCommand {
  file: string;
  args: string[];
}

export interface TerminalEvents {
  output(terminalId: string, data: string): void;
  exit(terminalId: string, exitCode: number): void;
}

function defaultShell(): TerminalCommand {
  if (process.platform === 'win32') return { file: process.env.COMSPEC ?? 'powershell.exe', args: [] };
  return { file: process.env.SHELL ?? '/bin/bash', args: ['-i'] };
}

/**
 * Pseudo-terminals (node-pty) opened in the app folder. Output goes straight to the renderer and is
 * never stored; each terminal's environment is decided by the caller.
 */
export class TerminalSessions {
  private readonly terminals = new Map<string, IPty>();
  private nextId = 1;

  constructor(private readonly events: TerminalEvents) {}

  open(cwd: string, env: Record<string, string>, size: { cols: number; rows: number }): string {
    return this.start(defaultShell(), cwd, env, size, null);
  }

  /**
   * A terminal that runs one program directly (no shell between), its output through `filter`;
   * `onExit` hears the exit status before the renderer does.
   */
  run(command: TerminalCommand, cwd: string, env: Record<string, string>, size: { cols: number; rows: number }, filter: OutputFilter, onExit?: (exitCode: number) => void): string {
    return this.start(command, cwd, env, size, filter, onExit);
  }

  private start(command: TerminalCommand, cwd: string, env: Record<string, string>, size: { cols: number; rows: number }, filter: OutputFilter | null, onExit?: (exitCode: number) => void): string {
    if (this.terminals.size >= MAX_TERMINALS) throw new AnvilError('bad-request', `At most ${MAX_TERMINALS} terminals can be open; close one first.`);
    // Loaded on first use, so the rest of Anvil works where the native module is missing.
    const pty = createRequire(import.meta.url)('node-pty') as typeof import('node-pty');
    const id = `terminal-${this.nextId++}`;
    const terminal = pty.spawn(command.file, command.args, { name: 'xterm-256color', cwd, env, cols: size.cols, rows: size.rows });
    terminal.onData((data) => {
      const shown = filter ? filter.write(data) : data;
      if (shown !== '') this.events.output(id, shown);
    });
    terminal.onExit(({ exitCode: code, signal }) => {
      // A program ended by a signal (Stop) did not succeed, whatever status node-pty reports: 128 + signal, as a shell says.
      const exitCode = filter && code === 0 && signal ? 128 + signal : code;
      const rest = filter?.end() ?? '';
      if (rest !== '') this.events.output(id, rest);
      this.terminals.delete(id);
      onExit?.(exitCode);
      this.events.exit(id, exitCode);
    });
    this.terminals.set(id, terminal);
    return id;
  }

  write(id: string, data: string): void {
    this.get(id).write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    this.get(id).resize(cols, rows);
  }

  close(id: string): void {
    this.get(id).kill();
    this.terminals.delete(id);
  }

  closeAll(): void {
    for (const terminal of this.terminals.values()) terminal.kill();
    this.terminals.clear();
  }

  private get(id: string): IPty {
    const terminal = this.terminals.get(id);
    if (!terminal) throw new AnvilError('bad-request', `No open terminal "${id}"; it may have exited.`);
    return terminal;
  }
}
