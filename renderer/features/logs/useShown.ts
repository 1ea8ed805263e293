import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Whether the element is laid out (its tab is the active one). Tabs keep hidden panes mounted, so
 * a pane uses this to skip rendering what nobody sees.
 */
export function useShown(ref: RefObject<HTMLElement | null>): boolean {
  const [shown, setShown] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setShown(element.getClientRects().length > 0);
    update();
    // Showing or hiding a tab panel changes the element's size from or to nothing.
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return shown;
}
