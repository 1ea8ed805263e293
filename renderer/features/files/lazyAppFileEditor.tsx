/** The app-file editor (Monaco and the language services) loads the first time an app file is opened. */
import { lazy, Suspense } from 'react';
import type { AppFilesState, AppFilesStore } from './appFilesStore';

const Loaded = lazy(() => import('./AppFileEditor').then((module) => ({ default: module.AppFileEditor })));

export function LazyAppFileEditor(props: { store: AppFilesStore; state: AppFilesState }) {
  return (
    <Suspense
      fallback={
        <div className="editor-host pane-empty" role="status">
          Loading editor…
        </div>
      }
    >
      <Loaded {...props} />
    </Suspense>
  );
}
