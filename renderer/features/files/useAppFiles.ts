import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { AnvilBridge } from '../../../common/api';
import { AppFilesStore, type AppFilesState } from './appFilesStore';

/**
 * The open editors of one app, shared by the editor area, the Explorer and "open source". A new
 * store for each app folder; outside changes come from the core's `sourcesChanged`, and every open
 * file is checked again when the window gets the focus back (files the core does not watch).
 */
export function useAppFiles(bridge: AnvilBridge, appFolder: string | null): AppFilesStore {
  const store = useMemo(() => {
    // Nothing of one app's open files carries over to the next app.
    void appFolder;
    return new AppFilesStore(bridge);
  }, [bridge, appFolder]);
  useEffect(() => {
    const stop = bridge.subscribe('sourcesChanged', ({ file }) => void store.checkDisk(file));
    const onFocus = () => store.checkAll();
    window.addEventListener('focus', onFocus);
    return () => {
      stop();
      window.removeEventListener('focus', onFocus);
    };
  }, [bridge, store]);
  return store;
}

export function useAppFilesState(store: AppFilesStore): AppFilesState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
