import { useEffect, useRef } from 'react';
import { APP_FILE_SCHEME, languageOfFile, modelPathOf } from './appFilePaths';
import type { AppFileBuffers, AppFilesState, AppFilesStore } from './appFilesStore';
import { monaco } from './codeLanguages';

interface Props {
  store: AppFilesStore;
  state: AppFilesState;
}

/** The model URI of an app file, as other features find it: `anvil-app:/src/index.js`. */
export function appFileUri(file: string): monaco.Uri {
  return monaco.Uri.from({ scheme: APP_FILE_SCHEME, path: modelPathOf(file) });
}

/**
 * One Monaco editor for every open app file: each file is a model of its own (so undo history,
 * markers and the TypeScript service see all of them), swapped in when its tab is shown, with
 * its scroll position and selection kept.
 */
export function AppFileEditor({ store, state }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const models = useRef(new Map<string, { model: monaco.editor.ITextModel; clean: number; listener: monaco.IDisposable }>());
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const shown = useRef<string | null>(null);
  const revealed = useRef(new Map<string, number>());

  useEffect(() => {
    const editor = monaco.editor.create(host.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    const owned = models.current;
    const dirtyOf = (file: string) => {
      const entry = owned.get(file);
      store.setDirty(file, entry !== undefined && entry.model.getAlternativeVersionId() !== entry.clean);
    };
    const buffers: AppFileBuffers = {
      snapshot: (file) => {
        const entry = owned.get(file);
        return entry ? { text: entry.model.getValue(), version: entry.model.getAlternativeVersionId() } : null;
      },
      replace: (file, text) => {
        const entry = owned.get(file);
        if (!entry) return;
        if (entry.model.getValue() !== text) {
          // An edit operation, not setValue, so the outside change can be undone like any other.
          entry.model.pushEditOperations([], [{ range: entry.model.getFullModelRange(), text }], () => null);
        }
        entry.clean = entry.model.getAlternativeVersionId();
        dirtyOf(file);
      },
      markClean: (file, version) => {
        const entry = owned.get(file);
        if (!entry) return;
        entry.clean = version;
        dirtyOf(file);
      },
      discard: (file) => {
        const entry = owned.get(file);
        if (!entry) return;
        if (shown.current === file) {
          editor.setModel(null);
          shown.current = null;
        }
        entry.listener.dispose();
        entry.model.dispose();
        owned.delete(file);
        viewStates.current.delete(file);
        revealed.current.delete(file);
      },
    };
    store.attachBuffers(buffers);
    return () => {
      store.attachBuffers(null);
      for (const entry of owned.values()) {
        entry.listener.dispose();
        entry.model.dispose();
      }
      owned.clear();
      editor.dispose();
      editorRef.current = null;
    };
  }, [store]);

  // A model for each file once its text has arrived.
  useEffect(() => {
    for (const open of state.files.values()) {
      if (!open.document || models.current.has(open.file)) continue;
      const uri = appFileUri(open.file);
      // A model of the same file left by an earlier editor (the app was opened again) is taken over.
      monaco.editor.getModel(uri)?.dispose();
      // A file shown read-only because of its size stays plain text: no grammar or language service churns over it.
      const model = monaco.editor.createModel(open.document.text, open.readOnly ? 'plaintext' : languageOfFile(open.file), uri);
      const entry = {
        model,
        clean: model.getAlternativeVersionId(),
        listener: model.onDidChangeContent(() => store.setDirty(open.file, model.getAlternativeVersionId() !== entry.clean)),
      };
      models.current.set(open.file, entry);
    }
  }, [state.files, store]);

  // The shown tab's model in the editor, where it was left; a requested line brought into view.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const open = state.files.get(state.active);
    const entry = open ? models.current.get(open.file) : undefined;
    if (!open || !entry) return;
    if (shown.current !== open.file) {
      if (shown.current) viewStates.current.set(shown.current, editor.saveViewState());
      editor.setModel(entry.model);
      const view = viewStates.current.get(open.file);
      if (view) editor.restoreViewState(view);
      shown.current = open.file;
    }
    editor.updateOptions({ readOnly: open.readOnly !== null, ariaLabel: open.file });
    if (open.reveal && revealed.current.get(open.file) !== open.reveal.request) {
      revealed.current.set(open.file, open.reveal.request);
      const line = Math.min(Math.max(open.reveal.line, 1), entry.model.getLineCount());
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column: entry.model.getLineFirstNonWhitespaceColumn(line) || 1 });
      editor.focus();
    }
  }, [state]);

  return <div className="editor-host" ref={host} data-testid="app-file-editor" />;
}
