import { useEffect, useRef } from 'react';
import { useCommands } from '../commands';
import { startCountdown, type Countdown } from './countdown';
import { clearNotices, dismissNotice, useNotices, type Notice } from './notifications';
import './notifications.css';

/** How long a notice stays on screen when nothing holds it; errors stay longer, to be read. */
export const NOTICE_MS = { success: 6000, info: 6000, warning: 10000, error: 15000 } as const;
const ICON = { success: '✓', info: 'ℹ', warning: '⚠', error: '✕' } as const;

/**
 * The toasts in the bottom corner. Two live regions stay on the page, so screen readers announce
 * what arrives in them: a polite one, whose notices are role=status, and an assertive one, whose
 * errors are role=alert. The regions themselves carry no role, so an empty area is not a "status"
 * anyone finds. Nothing here takes the focus; Tab reaches a notice's buttons like any other.
 */
export function NotificationHost() {
  const notices = useNotices();
  useCommands([{ id: 'notifications-clear', category: 'Notifications', title: 'Clear All', run: clearNotices }]);
  const errors = notices.filter((notice) => notice.kind === 'error');
  const others = notices.filter((notice) => notice.kind !== 'error');
  return (
    <div className="notifications">
      <div aria-live="assertive" className="notification-stack">
        {errors.map((notice) => (
          <Toast key={notice.id} notice={notice} />
        ))}
      </div>
      <div aria-live="polite" className="notification-stack">
        {others.map((notice) => (
          <Toast key={notice.id} notice={notice} />
        ))}
      </div>
    </div>
  );
}

function Toast({ notice }: { notice: Notice }) {
  const countdown = useRef<Countdown | null>(null);
  const element = useRef<HTMLDivElement>(null);
  // Where the focus was before it came into the notice: closing it from the keyboard goes back there.
  const cameFrom = useRef<HTMLElement | null>(null);
  const close = () => {
    const back = cameFrom.current;
    const hadFocus = element.current?.contains(document.activeElement) ?? false;
    dismissNotice(notice.id);
    if (hadFocus && back?.isConnected) back.focus();
  };
  useEffect(() => {
    const timer = startCountdown(NOTICE_MS[notice.kind], () => dismissNotice(notice.id));
    countdown.current = timer;
    return () => timer.cancel();
  }, [notice.id, notice.kind]);
  return (
    <div
      ref={element}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      className={`toast toast-${notice.kind}`}
      data-kind={notice.kind}
      onMouseEnter={() => countdown.current?.pause('hover')}
      onMouseLeave={() => countdown.current?.resume('hover')}
      onFocus={(event) => {
        if (!element.current?.contains(event.relatedTarget as Node | null)) cameFrom.current = event.relatedTarget as HTMLElement | null;
        countdown.current?.pause('focus');
      }}
      onBlur={(event) => {
        if (!element.current?.contains(event.relatedTarget as Node | null)) countdown.current?.resume('focus');
      }}
    >
      <span className="toast-icon" aria-hidden="true">
        {ICON[notice.kind]}
      </span>
      <span className="toast-message">{notice.message}</span>
      {notice.action ? (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            dismissNotice(notice.id);
            notice.action!.run();
          }}
        >
          {notice.action.label}
        </button>
      ) : null}
      <button type="button" className="toast-close" aria-label="Close notification" title="Close" onClick={close}>
        ×
      </button>
    </div>
  );
}
