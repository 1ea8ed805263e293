import { useCallback, useEffect, useState } from 'react';
import { preferenceStorage } from '../preferences';
import { readStoredLayout, writeStoredLayout, type StoredLayout } from './storedLayout';

/** The layout, read once from the remembered preferences (the core's and the browser's) and written back on every change. */
export function useLayoutState(): [StoredLayout, (change: (layout: StoredLayout) => StoredLayout) => void] {
  const [layout, setLayout] = useState(() => readStoredLayout(preferenceStorage));
  useEffect(() => {
    writeStoredLayout(preferenceStorage, layout);
  }, [layout]);
  const update = useCallback((change: (layout: StoredLayout) => StoredLayout) => setLayout(change), []);
  return [layout, update];
}

/** The window's inner size, followed as it changes, so stored sizes are clamped to what fits. */
export function useWindowSize(): { width: number; height: number } {
  const read = () => ({ width: window.innerWidth, height: window.innerHeight });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

/** The size of an element, followed as it changes. */
export function useElementSize(element: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return size;
}
