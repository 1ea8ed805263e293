import { useEffect, useState } from 'react';
import type { RunnableFunctions } from '../../../common/types';
import { reportRunnerRunning, useRunAsks } from './runnerActivity';

interface RunnerState {
  runnable: RunnableFunctions;
  target: string;
  running: boolean;
  choose: (key: string) => void;
  run: () => void;
}

/**
 * Runs what the command palette asked for as the Run button would: the function is chosen first
 * (its payload template filled in as a pick in the list would), then run once the pane shows it
 * chosen. Also tells the status bar whether an invocation is running.
 */
export function usePaletteRun({ runnable, target, running, choose, run }: RunnerState): void {
  const [asked, setAsked] = useState<string | null>(null);
  const [ready, setReady] = useState<string | null>(null);
  useRunAsks(setAsked);
  useEffect(() => {
    // Waits for the list: a key is run only when the runner accepts it.
    if (asked === null || !(runnable.resolverKeys.includes(asked) || runnable.functions.some((fn) => fn.key === asked))) return;
    choose(asked);
    setAsked(null);
    setReady(asked);
    // `choose` is the pane's own, made anew on each draw; the list and the ask decide when this runs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked, runnable]);
  useEffect(() => {
    if (ready === null || target !== ready || running) return;
    setReady(null);
    run();
    // `run` is the pane's own, made anew on each draw; it runs once the chosen target shows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, target, running]);
  useEffect(() => {
    reportRunnerRunning(running);
  }, [running]);
  useEffect(() => {
    return () => reportRunnerRunning(false);
  }, []);
}
