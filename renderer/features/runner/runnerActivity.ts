import { useEffect, useSyncExternalStore } from 'react';

/**
 * What the rest of the workbench knows of the Runner pane: whether an invocation is running (the
 * status bar), and a function the command palette asked it to run. The ask waits here until the
 * pane is on the page, because the pane only loads when it is first shown.
 */
let running = false;
let asked: string | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export function askRunnerToRun(functionKey: string): void {
  asked = functionKey;
  notify();
}

/** Hands each ask to the Runner pane once. */
export function useRunAsks(onAsk: (functionKey: string) => void): void {
  useEffect(() => {
    const take = () => {
      if (asked === null) return;
      const key = asked;
      asked = null;
      onAsk(key);
    };
    take();
    return subscribe(take);
  }, [onAsk]);
}

export function reportRunnerRunning(now: boolean): void {
  if (running === now) return;
  running = now;
  notify();
}

export function useRunnerRunning(): boolean {
  return useSyncExternalStore(subscribe, () => running);
}
