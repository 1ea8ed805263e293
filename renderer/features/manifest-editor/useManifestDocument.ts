import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { ManifestDocument } from '../../../common/types';
import { BridgeError } from '../../bridge';
import { notify } from '../../ui/notifications/notifications';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; message: string } | { kind: 'conflict'; message: string };

/**
 * The manifest as stored on disk, and the rules that keep edits from being lost: saves name the
 * revision they were based on; an outside change reloads a clean editor, and waits for the
 * developer's choice when the editor holds unsaved work.
 */
export function useManifestDocument(bridge: AnvilBridge, onOutsideChange: (document: ManifestDocument, editorIsClean: boolean) => void) {
  const [stored, setStored] = useState<ManifestDocument | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [outsideChange, setOutsideChange] = useState<ManifestDocument | null>(null);
  const storedRef = useRef<ManifestDocument | null>(null);
  const dirtyRef = useRef(false);
  const outsideChangeRef = useRef(onOutsideChange);
  outsideChangeRef.current = onOutsideChange;

  const adopt = useCallback((document: ManifestDocument) => {
    storedRef.current = document;
    setStored(document);
  }, []);

  useEffect(() => {
    bridge.readManifest().then(adopt, (error: unknown) => setLoadError((error as Error).message));
    return bridge.subscribe('manifestChanged', (document) => {
      const clean = !dirtyRef.current;
      if (clean) {
        adopt(document);
      } else {
        setOutsideChange(document);
      }
      outsideChangeRef.current(document, clean);
    });
  }, [bridge, adopt]);

  const save = useCallback(
    async (text: string, overwrite = false): Promise<boolean> => {
      setSaveState({ kind: 'saving' });
      try {
        const document = await bridge.saveManifest(overwrite ? { text } : { text, baseRevision: storedRef.current?.revision ?? undefined });
        adopt(document);
        setOutsideChange(null);
        setSaveState({ kind: 'saved', at: new Date() });
        notify({ kind: 'success', message: 'manifest.yml saved.' });
        return true;
      } catch (error) {
        const message = (error as Error).message;
        setSaveState(error instanceof BridgeError && error.code === 'manifest-conflict' ? { kind: 'conflict', message } : { kind: 'failed', message });
        return false;
      }
    },
    [bridge, adopt],
  );

  /** Take the version on disk, dropping the editor's unsaved text. */
  const acceptOutsideChange = useCallback(async () => {
    const document = await bridge.readManifest();
    adopt(document);
    setOutsideChange(null);
    setSaveState({ kind: 'idle' });
    return document;
  }, [bridge, adopt]);

  const setDirty = useCallback((dirty: boolean) => {
    dirtyRef.current = dirty;
  }, []);

  return { stored, loadError, saveState, outsideChange, save, acceptOutsideChange, setDirty };
}
