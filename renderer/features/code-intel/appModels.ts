import { useEffect, useState } from 'react';
import { monaco } from '../manifest-editor/monaco-setup';

/** Editor models of the app's files are named `anvil-app:/<path relative to the app folder>`. */
export const APP_SCHEME = 'anvil-app';

/** The app-relative path of an app file's model, or null for any other model (the manifest's). */
export function appFileOf(model: monaco.editor.ITextModel): string | null {
  return model.uri.scheme === APP_SCHEME ? model.uri.path.replace(/^\/+/, '') : null;
}

export function appFileUri(file: string): monaco.Uri {
  return monaco.Uri.from({ scheme: APP_SCHEME, path: `/${file}` });
}

// Only what the analysis reads: JavaScript and TypeScript sources.
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

/** The text each source model was opened with, by model: a model still at it holds nothing unsaved to analyse. */
const openedAt = new WeakMap<monaco.editor.ITextModel, number>();
const listeners = new Set<() => void>();
let watching = false;

function watchAppModels(): void {
  if (watching) return;
  watching = true;
  const changed = () => listeners.forEach((listener) => listener());
  const follow = (model: monaco.editor.ITextModel) => {
    const file = appFileOf(model);
    if (!file || !SOURCE_FILE.test(file)) return;
    openedAt.set(model, model.getAlternativeVersionId());
    model.onDidChangeContent(changed);
    model.onWillDispose(() => queueMicrotask(changed));
  };
  monaco.editor.getModels().forEach(follow);
  monaco.editor.onDidCreateModel(follow);
}

/**
 * The source buffers that differ from the text they were opened with, read when asked (so the
 * newest keystroke is what gets analysed). A buffer whose text equals the file on disk only repeats it.
 */
export function unsavedSources(): { file: string; text: string }[] {
  return (
    monaco.editor
      .getModels()
      .filter((model) => !model.isDisposed() && openedAt.has(model) && model.getAlternativeVersionId() !== openedAt.get(model))
      .map((model) => ({ file: appFileOf(model)!, text: model.getValue() }))
      // The core takes at most 50 buffers of at most 2 MB each:
      // beyond that the files are read from disk instead of refusing the whole analysis.
      .filter((buffer) => SOURCE_FILE.test(buffer.file) && buffer.text.length <= MAX_UNSAVED_SOURCE_CHARS)
      .slice(0, MAX_UNSAVED_SOURCES)
  );
}

const MAX_UNSAVED_SOURCES = 50;
const MAX_UNSAVED_SOURCE_CHARS = 2 * 1024 * 1024;

/** A number that changes whenever a source buffer of the app is edited, opened or closed. */
export function useSourceBuffersVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    watchAppModels();
    const listener = () => setVersion((current) => current + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return version;
}
