import { AnvilError } from '../contract';
import { CommandError, type CommandIO } from './command';
import { openLocalApp, tunnelLine } from './local-app';
import { terminalJson, visibleLines, visibleText } from '../../common/terminal-text';

export interface RunOptions {
  payload?: string;
  environment?: string;
  installation?: string;
  json: boolean;
  dataDir?: string;
}

/** What a shell reports for a command ended by Ctrl+C (128 + SIGINT). */
const INTERRUPTED_EXIT_CODE = 130;

/** Parse a `--payload` argument, saying how to quote it when it is not JSON. */
export function parsePayload(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CommandError(`--payload is not JSON (${(error as Error).message}). Quote it for the shell: --payload '{"key": "value"}'`);
  }
}

/** `anvil run <app-folder> <function-key> [--payload JSON]`: one invocation in the local sandboxed runner. */
export async function run(appFolder: string, functionKey: string, options: RunOptions, io: CommandIO): Promise<number> {
  const payload = parsePayload(options.payload);
  const app = await openLocalApp(appFolder, {
    dataDir: options.dataDir,
    onLog: (invocationId, level, message, platformDrop) => {
      if (!options.json) io.out(tunnelLine(level, invocationId, message, platformDrop));
    },
  });
  // Ctrl+C stops the invocation as Stop in the Runner pane does: it is reported (and logged) as stopped.
  const stop = new AbortController();
  const forget = io.onInterrupt?.(() => stop.abort());
  try {
    const outcome = await app.runner
      .run({ functionKey, payload, environment: options.environment, installation: options.installation, resolverKeys: await app.resolverKeys() }, stop.signal)
      .catch((error: unknown) => {
        if (error instanceof AnvilError) throw new CommandError(error.message);
        throw error;
      });
    printOutcome(app.redactOutcome(outcome), options.json, io);
    return outcome.status === 'ok' ? 0 : outcome.status === 'stopped' ? INTERRUPTED_EXIT_CODE : 1;
  } finally {
    forget?.();
    await app.close();
  }
}

/** The invocation, as `run --json` documents it, or as lines a person reads. */
export function printOutcome(outcome: import('../runner').RunOutcome, json: boolean, io: CommandIO): void {
  if (json) {
    const { invocationId, status, result, error, durationMs, logs, calls } = outcome;
    io.out(terminalJson({ invocationId, status, result, error, durationMs, logs, calls }));
    return;
  }
  // Methods, URLs, reasons, errors and results carry the app's text: shown, never obeyed by the terminal.
  for (const call of outcome.calls) io.out(visibleText(`${call.allowed ? 'ALLOW' : 'REFUSE'} ${call.kind} ${call.method} ${call.target}: ${call.reason}`));
  // The error's stack frames (the app's files and lines) each on a line of their own.
  io.out(`${outcome.status} in ${outcome.durationMs} ms${outcome.error ? `: ${visibleLines(outcome.error)}` : ''}`);
  if (outcome.status === 'ok') io.out(terminalJson(outcome.result, 2));
}
