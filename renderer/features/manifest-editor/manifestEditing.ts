import { useSyncExternalStore } from 'react';
import type { Diagnostic, TextEdit } from '../../../common/types';

/**
 * How panes outside the editor (Problems' "Fix all", the Scopes pane's add and remove) change the
 * manifest: through the open editor, as its quick fixes do, so the change is unsaved and undoable.
 * The editor provides the function while it is on the page. No Monaco here: the Scopes pane loads
 * before the editor's chunk does.
 */
export type ApplyManifestEdits = (edits: TextEdit[]) => void;

let provider: ApplyManifestEdits | null = null;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

/** Called by the manifest editor once its model exists; returns the function that withdraws it. */
export function provideManifestEditing(apply: ApplyManifestEdits): () => void {
  provider = apply;
  changed();
  return () => {
    if (provider !== apply) return;
    provider = null;
    changed();
  };
}

/** Applies edits as one undoable step of the open manifest; false when no editor is open. */
export function applyManifestEdits(edits: TextEdit[]): boolean {
  if (!provider || edits.length === 0) return false;
  provider(edits);
  return true;
}

export function useManifestEditable(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    () => provider !== null,
  );
}

/**
 * A "may be unused" finding: Anvil could not read every call or fetch, so the entry may still be
 * needed. Removing it could break the app in production, so it never gets a one-click removal.
 */
export function isUncertainRemoval(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'info' && diagnostic.code.endsWith('-unused');
}
