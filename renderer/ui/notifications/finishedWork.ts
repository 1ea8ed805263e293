import type { RunResult } from '../../../common/types';
import type { Notice } from './notifications';

/** How a finished invocation is told when its pane is not on screen. */
export function runNotice(outcome: Pick<RunResult, 'status' | 'functionKey' | 'durationMs' | 'error'>): Omit<Notice, 'id' | 'action'> {
  const firstLine = outcome.error?.split('\n')[0]?.trim();
  switch (outcome.status) {
    case 'ok':
      return { kind: 'success', message: `${outcome.functionKey} finished in ${outcome.durationMs} ms.` };
    case 'timeout':
      return { kind: 'error', message: `${outcome.functionKey} timed out after ${outcome.durationMs} ms.` };
    case 'stopped':
      return { kind: 'info', message: `${outcome.functionKey} was stopped.` };
    default:
      return { kind: 'error', message: `${outcome.functionKey} failed${outcome.status === 'crashed' ? ' (the runner crashed)' : ''}${firstLine ? `: ${firstLine}` : '.'}` };
  }
}

/** Whether an element is out of sight (its tab or panel is hidden), so its own messages go unseen. */
export function isOutOfSight(element: HTMLElement | null): boolean {
  if (!element || !element.isConnected) return true;
  if (typeof element.checkVisibility === 'function') return !element.checkVisibility();
  return element.offsetParent === null;
}
