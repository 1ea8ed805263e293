import { useSyncExternalStore } from 'react';
import type { AnvilBridge, CallRequest } from '../../../common/api';
import { notify } from '../../ui/notifications/notifications';

/** One run of the real Forge CLI in a terminal of its own, as the Terminal pane shows it. */
export interface ForgeRun {
  terminalId: string;
  /** What it does, in a Forge developer's words ("forge deploy to staging"). */
  title: string;
  commandLine: string;
  /** Everything it printed (already redacted by the core), so the pane can show it whenever it is opened. */
  output: string;
  /** null while it runs. */
  exitCode: number | null;
}

// The CLI prints a few hundred lines; a runaway one must not grow the page without end.
const MAX_OUTPUT_CHARS = 2 * 1024 * 1024;
const MAX_RUNS = 10;

let runs: readonly ForgeRun[] = [];
let shownRun: string | null = null;
let startsInFlight = 0;
/** Output of terminals whose run has not been answered yet: the CLI may print before the call's answer arrives. */
const early = new Map<string, string>();
const listeners = new Set<() => void>();
const outputListeners = new Map<string, Set<(data: string) => void>>();
const followed = new WeakSet<AnvilBridge>();
const changed = () => listeners.forEach((listener) => listener());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

function capped(text: string): string {
  return text.length > MAX_OUTPUT_CHARS ? text.slice(text.length - MAX_OUTPUT_CHARS) : text;
}

/** The CLI's own error lines (`Error: …`), without colours, for the notice and the pane. */
export function cliErrorLines(output: string): string[] {
  const plain = output.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g, '');
  return plain
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => /^(Error\b|✖|×)/.test(line))
    .slice(-3);
}

function endNotice(run: ForgeRun, onShow: () => void): void {
  const errors = cliErrorLines(run.output);
  notify(
    run.exitCode === 0
      ? { kind: 'success', message: `${run.title} finished.`, action: { label: 'Show terminal', run: onShow } }
      : { kind: 'error', message: `${run.title} failed (exit status ${run.exitCode})${errors[0] ? `: ${errors[0]}` : '.'}`, action: { label: 'Show terminal', run: onShow } },
  );
}

function follow(bridge: AnvilBridge, onShow: () => void): void {
  if (followed.has(bridge)) return;
  followed.add(bridge);
  bridge.subscribe('terminalOutput', ({ terminalId, data }) => {
    const run = runs.find((candidate) => candidate.terminalId === terminalId);
    if (run) {
      runs = runs.map((candidate) => (candidate === run ? { ...run, output: capped(run.output + data) } : candidate));
      outputListeners.get(terminalId)?.forEach((listener) => listener(data));
      changed();
    } else if (startsInFlight > 0) early.set(terminalId, capped((early.get(terminalId) ?? '') + data));
  });
  bridge.subscribe('terminalExit', ({ terminalId, exitCode }) => {
    const run = runs.find((candidate) => candidate.terminalId === terminalId);
    if (!run) {
      if (startsInFlight > 0) early.set(`exit:${terminalId}`, String(exitCode));
      return;
    }
    const ended = { ...run, exitCode };
    runs = runs.map((candidate) => (candidate === run ? ended : candidate));
    changed();
    endNotice(ended, onShow);
  });
}

/**
 * Start a Forge CLI run and show it in the Terminal pane. The streams are followed before the call
 * goes out, so nothing the CLI prints before the answer arrives is lost.
 */
export async function startForgeRun(bridge: AnvilBridge, request: CallRequest<'runForgeCli'>, title: string, showTerminal: () => void): Promise<void> {
  follow(bridge, showTerminal);
  startsInFlight++;
  try {
    const started = await bridge.runForgeCli(request);
    const exit = early.get(`exit:${started.terminalId}`);
    const run: ForgeRun = { terminalId: started.terminalId, title, commandLine: started.commandLine, output: early.get(started.terminalId) ?? '', exitCode: null };
    runs = [...runs, run].slice(-MAX_RUNS);
    shownRun = run.terminalId;
    changed();
    showTerminal();
    if (exit !== undefined) {
      const ended = { ...run, exitCode: Number(exit) };
      runs = runs.map((candidate) => (candidate.terminalId === run.terminalId ? ended : candidate));
      changed();
      endNotice(ended, showTerminal);
    }
  } finally {
    startsInFlight--;
    if (startsInFlight === 0) early.clear();
  }
}

export function useForgeRuns(): { runs: readonly ForgeRun[]; shown: string | null } {
  const list = useSyncExternalStore(subscribe, () => runs);
  const shown = useSyncExternalStore(subscribe, () => shownRun);
  return { runs: list, shown };
}

/** Which view the Terminal pane shows: a run, or (null) the shell. */
export function showForgeRun(terminalId: string | null): void {
  shownRun = terminalId;
  changed();
}

export function forgeRun(terminalId: string): ForgeRun | undefined {
  return runs.find((candidate) => candidate.terminalId === terminalId);
}

/** New output of one run, as it arrives. */
export function onForgeRunOutput(terminalId: string, listener: (data: string) => void): () => void {
  const set = outputListeners.get(terminalId) ?? new Set();
  outputListeners.set(terminalId, set);
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}
