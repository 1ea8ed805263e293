import type * as monaco from 'monaco-editor/editor/editor.api';

/**
 * The manifest's editor, for features that read or decorate the manifest's model (code intelligence)
 * and for "open source" at a line of manifest.yml. Types only here: importing this costs the
 * workbench's first paint nothing; the editor publishes itself once Monaco has loaded.
 */
let manifestEditor: monaco.editor.ICodeEditor | null = null;

/** Called by the manifest editor when it is created; the returned function withdraws it. */
export function publishManifestEditor(editor: monaco.editor.ICodeEditor): () => void {
  manifestEditor = editor;
  return () => {
    if (manifestEditor === editor) manifestEditor = null;
  };
}

/** The manifest's Monaco model, or null while no manifest editor exists (loading, no app open). */
export function getManifestModel(): monaco.editor.ITextModel | null {
  return manifestEditor?.getModel() ?? null;
}

/** Brings a line of the manifest into view, puts the cursor there and focuses the editor; false when there is no editor yet. */
export function revealManifestLine(line: number): boolean {
  const editor = manifestEditor;
  const model = editor?.getModel();
  if (!editor || !model) return false;
  const target = Math.min(Math.max(line, 1), model.getLineCount());
  editor.revealLineInCenter(target);
  editor.setPosition({ lineNumber: target, column: model.getLineFirstNonWhitespaceColumn(target) || 1 });
  editor.focus();
  return true;
}
