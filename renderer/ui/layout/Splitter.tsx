import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  /** What it resizes, as a screen reader announces it ("Resize sidebar"). */
  label: string;
  /** The id of the pane it resizes. */
  controls: string;
  /** 'vertical': a line between side-by-side panes, moved left and right. */
  orientation: 'vertical' | 'horizontal';
  /** The controlled pane's size in pixels, and its bounds. */
  size: number;
  min: number;
  max: number;
  /** +1 when the pane is before the splitter (moving right/down grows it), -1 when after. */
  grows: 1 | -1;
  collapsed: boolean;
  onSize: (pixels: number) => void;
  onToggleCollapsed: () => void;
}

const STEP = 16;
const BIG_STEP = 64;

/**
 * A focusable splitter (WAI-ARIA window splitter): drag it, or focus it and use the arrow keys
 * (Shift for bigger steps, Home/End for the bounds); Enter or a double-click collapses the pane
 * and brings it back at the size it had.
 */
export function Splitter({ label, controls, orientation, size, min, max, grows, collapsed, onSize, onToggleCollapsed }: Props) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const clamp = (pixels: number) => Math.round(Math.min(Math.max(pixels, min), Math.max(min, max)));
  const position = (event: PointerEvent) => (orientation === 'vertical' ? event.clientX : event.clientY);

  const onKeyDown = (event: KeyboardEvent) => {
    const [less, more] = orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    const step = event.shiftKey ? BIG_STEP : STEP;
    let next: number | null = null;
    if (event.key === less) next = size - grows * step;
    else if (event.key === more) next = size + grows * step;
    else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    else if (event.key === 'Enter') {
      event.preventDefault();
      onToggleCollapsed();
      return;
    }
    if (next === null) return;
    event.preventDefault();
    // From collapsed, any resize key brings the pane back first.
    if (collapsed) onToggleCollapsed();
    onSize(clamp(collapsed ? size : next));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { start: position(event), size: collapsed ? min : size };
  };
  const onPointerMove = (event: PointerEvent) => {
    const start = drag.current;
    if (!start) return;
    const moved = position(event) - start.start;
    if (Math.abs(moved) < 2) return;
    if (collapsed) onToggleCollapsed();
    onSize(clamp(start.size + grows * moved));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-controls={controls}
      aria-orientation={orientation}
      aria-valuenow={collapsed ? 0 : Math.round(size)}
      aria-valuemin={0}
      aria-valuemax={Math.round(max)}
      aria-valuetext={collapsed ? 'collapsed' : `${Math.round(size)} pixels`}
      title={`${label}: drag or use the arrow keys; double-click or Enter to ${collapsed ? 'restore' : 'collapse'}`}
      className={`splitter splitter-${orientation}${collapsed ? ' collapsed' : ''}`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={onToggleCollapsed}
    />
  );
}
