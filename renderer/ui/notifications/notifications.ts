import { useSyncExternalStore } from 'react';

/**
 * Non-blocking notices for work that finished (a save, a run, an export, a deploy). Any part of
 * the workbench calls `notify`; the host draws them. A notice never takes the focus.
 */
export type NoticeKind = 'success' | 'info' | 'warning' | 'error';

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
  action?: NoticeAction;
}

/** More than this and the oldest go: a stack of toasts would cover the panes. */
export const MAX_NOTICES = 4;

let notices: readonly Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

export function notify(notice: Omit<Notice, 'id'>): number {
  const id = nextId++;
  notices = [...notices, { ...notice, id }].slice(-MAX_NOTICES);
  changed();
  return id;
}

export function dismissNotice(id: number): void {
  if (!notices.some((notice) => notice.id === id)) return;
  notices = notices.filter((notice) => notice.id !== id);
  changed();
}

export function clearNotices(): void {
  if (notices.length === 0) return;
  notices = [];
  changed();
}

export function currentNotices(): readonly Notice[] {
  return notices;
}

export function useNotices(): readonly Notice[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    () => notices,
  );
}
