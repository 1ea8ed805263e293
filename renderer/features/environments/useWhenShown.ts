import { useEffect, useRef, type RefObject } from 'react';

/**
 * Call `onShown` each time the element goes from hidden to shown. Tabs keep hidden panes mounted,
 * and other panes (the Runner's installations) change what this one shows while it is hidden.
 */
export function useWhenShown(ref: RefObject<HTMLElement | null>, onShown: () => void): void {
  const latest = useRef(onShown);
  useEffect(() => {
    latest.current = onShown;
  }, [onShown]);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let shown = element.getClientRects().length > 0;
    // Showing or hiding a tab panel changes the element's size from or to nothing.
    const observer = new ResizeObserver(() => {
      const now = element.getClientRects().length > 0;
      if (now && !shown) latest.current();
      shown = now;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
}
