import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { LogLine } from '../../../common/types';
import { cloudMark } from './cloudFollow';
import { clock } from './format';
import { DROPPED_STYLE, PlatformDropMark, platformClass } from './platformDrop';

/** Every row has this height, so the visible slice follows from the scroll position alone. */
const ROW_HEIGHT = 20;
/** Rows rendered beyond each edge, so fast scrolling does not show gaps. */
const OVERSCAN = 12;
/** A scroll within this long after a wheel, key or pointer press is the developer's own. */
const INTENT_MS = 800;

/**
 * The lines, oldest at the top, as a windowed list: only the rows in view are in the DOM, placed
 * inside a spacer as tall as all of them. While following, it stays at the bottom; a scroll up by
 * the developer pauses following.
 */
export function LogList({
  lines,
  following,
  selectedId,
  onSelect,
  onPause,
}: {
  lines: LogLine[];
  following: boolean;
  selectedId: number | null;
  onSelect: (line: LogLine) => void;
  onPause: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  const intent = useRef(0);
  const firstId = useRef<number | null>(null);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const previousFirst = firstId.current;
    firstId.current = lines[0]?.id ?? null;
    if (following) {
      element.scrollTop = element.scrollHeight;
      return;
    }
    if (previousFirst !== null && lines[0] && lines[0].id !== previousFirst) {
      // Older lines went in above: keep the same lines in view.
      const added = lines.findIndex((line) => line.id === previousFirst);
      if (added > 0) element.scrollTop += added * ROW_HEIGHT;
    }
    setScrollTop(element.scrollTop);
  }, [lines, following, height]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    if (!following) {
      setScrollTop(element.scrollTop);
      return;
    }
    // Only the developer's own scrolling pauses: not ours to the bottom, nor a tab being shown.
    if (element.clientHeight === 0 || performance.now() - intent.current > INTENT_MS) return;
    if (element.scrollHeight - element.scrollTop - element.clientHeight > ROW_HEIGHT) {
      setScrollTop(element.scrollTop);
      onPause();
    }
  };
  const noteIntent = () => {
    intent.current = performance.now();
  };

  // While following, the window is the bottom of the list: no state to keep in step every frame.
  const top = following ? Math.max(0, lines.length * ROW_HEIGHT - height) : scrollTop;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(lines.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div className="log-scroller" ref={scroller} tabIndex={0} onScroll={onScroll} onWheel={noteIntent} onKeyDown={noteIntent} onPointerDown={noteIntent} onTouchMove={noteIntent}>
      <div role="list" aria-label="Log lines" className="log-rows" style={{ height: lines.length * ROW_HEIGHT }}>
        {lines.slice(first, last).map((line, offset) => (
          <LogRow key={line.id} line={line} index={first + offset} total={lines.length} selected={line.id === selectedId} onSelect={onSelect} />
        ))}
      </div>
    </div>
  );
}

const LogRow = memo(function LogRow({ line, index, total, selected, onSelect }: { line: LogLine; index: number; total: number; selected: boolean; onSelect: (line: LogLine) => void }) {
  const cloud = cloudMark(line);
  return (
    <div
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`log-row level-${line.level}${platformClass(line)}${selected ? ' selected' : ''}`}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, ...(line.platformDrop ? DROPPED_STYLE : {}) }}
    >
      <button type="button" className="log-row-button" aria-pressed={selected} onClick={() => onSelect(line)}>
        <span className="log-time">{clock(line.ts)}</span>
        <span className="log-level">{line.level}</span>
        <span className="log-invocation" title={line.invocationId ?? undefined}>
          {line.invocationId?.slice(0, 8) ?? ''}
        </span>
        <span className="log-function">{line.functionKey ?? line.moduleKey ?? ''}</span>
        <span className="log-message">
          {cloud ? <span className="log-cloud-mark">{cloud}</span> : null}
          <PlatformDropMark line={line} />
          {line.message}
        </span>
      </button>
    </div>
  );
});
