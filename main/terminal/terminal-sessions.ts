import { createRequire } from 'node:module';
import type { IPty } from 'node-pty';
import { AnvilError } from '../contract';

/** How many terminals one workbench may have open at once. */
export const MAX_TERMINALS = 8;

export interface TerminalEvents {
  output(terminalId: string, data: string): void;
  exit(terminalId: string, exitCode: number): void;
}

function defaultShell(): { file: string; args: string[] } {
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
    if (this.terminals.size >= MAX_TERMINALS) throw new AnvilError('bad-request', `At most ${MAX_TERMINALS} terminals can be open; close one first.`);
    // Loaded on first use, so the rest of Anvil works where the native module is missing.
    const pty = createRequire(import.meta.url)('node-pty') as typeof import('node-pty');
    const shell = defaultShell();
    const id = `terminal-${this.nextId++}`;
    const terminal = pty.spawn(shell.file, shell.args, { name: 'xterm-256color', cwd, env, cols: size.cols, rows: size.rows });
    terminal.onData((data) => this.events.output(id, data));
    terminal.onExit(({ exitCode }) => {
      this.terminals.delete(id);
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
