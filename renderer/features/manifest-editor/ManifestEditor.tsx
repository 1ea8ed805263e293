import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import { PLATFORM_MANIFEST_LIMIT_BYTES } from '../../../common/manifest-size';
import type { AnalysisReport, Diagnostic, ManifestDocument } from '../../../common/types';
import { fixEdits, registerManifestLanguage, showDiagnostics } from './manifest-language';
import { provideManifestEditing } from './manifestEditing';
import { publishManifestEditor } from '../files/manifestModel';
import { monaco } from './monaco-setup';
import { ProblemsList } from './ProblemsList';
import { useAnalysis } from './useAnalysis';
import { useCodeIntel } from '../code-intel/useCodeIntel';
import { useManifestDocument, type SaveState } from './useManifestDocument';
import type { UnsavedWork } from '../../ui/useUnsavedGuard';

interface Props {
  bridge: AnvilBridge;
  /** Told about every new analysis (the Scopes pane shows it). */
  onReport: (report: AnalysisReport | null) => void;
  /** Told about the text as it is typed (the Consent pane previews it). */
  onText: (text: string) => void;
  /** Open a source file of the app at a line. */
  onOpenSource: (file: string, line: number) => void;
  /** Told when the editor starts or stops holding unsaved edits, with a way to save them. */
  onUnsavedChange?: (work: UnsavedWork | null) => void;
}

// Monaco's features that rescan the whole model on every edit (folding ranges, bracket pairs, word
// highlights) cost seconds per keystroke on a manifest of megabytes; beyond the platform's limit they are off.
const LARGE_MODEL_OPTIONS = {
  folding: false,
  matchBrackets: 'never',
  occurrencesHighlight: 'off',
  selectionHighlight: false,
  bracketPairColorization: { enabled: false },
  guides: { indentation: false, bracketPairs: false },
} as const;
const MODEL_OPTIONS = {
  folding: true,
  matchBrackets: 'always',
  occurrencesHighlight: 'singleFile',
  selectionHighlight: true,
  bracketPairColorization: { enabled: true },
  guides: { indentation: true, bracketPairs: false },
} as const;

function fitOptionsToSize(editor: monaco.editor.IStandaloneCodeEditor, wasLarge: boolean | null): boolean {
  const large = (editor.getModel()?.getValueLength() ?? 0) > PLATFORM_MANIFEST_LIMIT_BYTES;
  if (large !== wasLarge) editor.updateOptions(large ? LARGE_MODEL_OPTIONS : MODEL_OPTIONS);
  return large;
}

/** The manifest in Monaco: edit, save (Ctrl/Cmd+S), and follow edits made outside Anvil. */
export function ManifestEditor({ bridge, onReport, onText, onOpenSource, onUnsavedChange }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [dirty, setDirtyState] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const { report, error: analysisError } = useAnalysis(bridge, text);
  const reportRef = useRef<AnalysisReport | null>(null);
  reportRef.current = report;

  const replaceText = (document: ManifestDocument) => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === document.text) return;
    // An edit operation, not setValue, so the outside change can be undone like any other.
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: document.text }], () => null);
  };

  const manifest = useManifestDocument(bridge, (document, clean) => {
    if (clean) replaceText(document);
  });
  const { stored, save, setDirty } = manifest;
  const saveRef = useRef(save);
  saveRef.current = save;
  const storedText = useRef<string | null>(null);
  storedText.current = stored?.text ?? null;

  const loaded = stored !== null;
  useEffect(() => {
    if (!stored || !host.current || editorRef.current) return;
    const editor = monaco.editor.create(host.current, {
      value: stored.text,
      language: 'yaml',
      theme: 'vs-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      ariaLabel: 'manifest.yml',
    });
    editorRef.current = editor;
    let large = fitOptionsToSize(editor, null);
    setText(stored.text);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void saveRef.current(editor.getValue()));
    const unregister = registerManifestLanguage(bridge, editor.getModel()!, () => reportRef.current);
    // Other features read the manifest's model, and "open source" shows its lines, through here.
    const withdrawPublished = publishManifestEditor(editor);
    // Problems' "Fix all" and the Scopes pane edit through here: one undo step each, unsaved like a quick fix.
    const withdrawEditing = provideManifestEditing((edits) => {
      editor.pushUndoStop();
      editor.executeEdits('anvil-quick-fix', fixEdits({ title: '', edits }));
      editor.pushUndoStop();
    });
    const subscription = editor.onDidChangeModelContent(() => {
      large = fitOptionsToSize(editor, large);
      const value = editor.getValue();
      const isDirty = value !== storedText.current;
      setText(value);
      setDirty(isDirty);
      setDirtyState(isDirty);
    });
    return () => {
      unregister();
      withdrawPublished();
      withdrawEditing();
      subscription.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
    // Created once, when the document first loads; later revisions only update the dirty flag below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);

  // After the editor exists (the effect above): findings in the app's code, handler: links to it.
  useCodeIntel({ bridge, editor: editorRef, ready: loaded, report, openSource: onOpenSource });

  // Layout effects from a save to the unsaved-work guard: all settled before "Saved" is painted.
  useLayoutEffect(() => {
    const editor = editorRef.current;
    if (!editor || !stored) return;
    const isDirty = editor.getValue() !== stored.text;
    setDirty(isDirty);
    setDirtyState(isDirty);
  }, [stored, setDirty]);

  useEffect(() => {
    if (text !== null) onText(text);
  }, [text, onText]);

  const unsavedRef = useRef(onUnsavedChange);
  unsavedRef.current = onUnsavedChange;
  useLayoutEffect(() => {
    unsavedRef.current?.(dirty ? { file: 'manifest.yml', save: () => saveRef.current(editorRef.current?.getValue() ?? '') } : null);
  }, [dirty]);
  // Gone with its app: nothing of it is left to save.
  useEffect(() => {
    return () => unsavedRef.current?.(null);
  }, []);

  // Markers before the frame is painted (not after it, as a passive effect would): a keystroke's squiggle shows a frame sooner.
  useLayoutEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && report) showDiagnostics(model, report);
  }, [report]);

  useEffect(() => {
    onReport(report);
  }, [report, onReport]);

  const currentText = () => editorRef.current?.getValue() ?? '';

  const applyFix = (diagnostic: Diagnostic, fixIndex: number) => {
    const editor = editorRef.current;
    const fix = diagnostic.fixes[fixIndex];
    if (!editor || !fix) return;
    editor.pushUndoStop();
    editor.executeEdits('anvil-quick-fix', fixEdits(fix));
    editor.pushUndoStop();
    editor.focus();
  };

  const reveal = (diagnostic: Diagnostic) => {
    if (diagnostic.file !== 'manifest.yml') return onOpenSource(diagnostic.file, diagnostic.line);
    const editor = editorRef.current;
    editor?.revealLineInCenter(diagnostic.line);
    editor?.setPosition({ lineNumber: diagnostic.line, column: diagnostic.column });
    editor?.focus();
  };

  return (
    <div className="manifest-editor">
      <div className="editor-toolbar">
        <span className="file-name" title={stored?.path}>
          manifest.yml
          {dirty ? (
            <span className="dirty-mark" aria-label="unsaved changes">
              {' '}
              ●
            </span>
          ) : null}
        </span>
        <SaveStatus state={manifest.saveState} dirty={dirty} />
        <button type="button" onClick={() => void save(currentText())} disabled={!stored}>
          Save
        </button>
      </div>
      {manifest.loadError ? <div className="banner error">{manifest.loadError}</div> : null}
      {manifest.outsideChange ? (
        <div className="banner warning" role="alert">
          manifest.yml changed on disk while you have unsaved edits.
          <button type="button" onClick={() => void manifest.acceptOutsideChange().then(replaceText)}>
            Reload from disk
          </button>
          <button type="button" onClick={() => void save(currentText(), true)}>
            Keep mine and save
          </button>
        </div>
      ) : null}
      {manifest.saveState.kind === 'conflict' && !manifest.outsideChange ? (
        <div className="banner warning" role="alert">
          {manifest.saveState.message}
          <button type="button" onClick={() => void manifest.acceptOutsideChange().then(replaceText)}>
            Reload from disk
          </button>
          <button type="button" onClick={() => void save(currentText(), true)}>
            Overwrite
          </button>
        </div>
      ) : null}
      <div className="editor-host" ref={host} data-testid="manifest-editor" />
      <ProblemsList report={report} error={analysisError} onReveal={reveal} onFix={applyFix} />
    </div>
  );
}

function SaveStatus({ state, dirty }: { state: SaveState; dirty: boolean }) {
  if (state.kind === 'saving') return <span className="save-status">Saving…</span>;
  if (state.kind === 'failed')
    return (
      <span className="save-status error" role="alert">
        {state.message}
      </span>
    );
  if (state.kind === 'saved' && !dirty) return <span className="save-status ok">Saved {state.at.toLocaleTimeString()}</span>;
  return <span className="save-status" />;
}
