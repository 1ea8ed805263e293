import type { AnalysisReport, QuickFix } from '../../../common/types';
import { monaco } from '../manifest-editor/monaco-setup';
import { appFileOf, appFileUri } from './appModels';
import type { CodeIntelCalls } from './calls';
import { callRange, codeFindings, findingsIn, type CodeFinding } from './codeFindings';
import { handlerTargetAt } from './handlerTargets';

const MARKER_OWNER = 'anvil';
const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;
const CODE_LANGUAGES = ['javascript', 'typescript'];

/** The findings of the newest report: models opened later are marked from it too. */
let current: CodeFinding[] = [];
const shownMarkers = new WeakMap<monaco.editor.ITextModel, string>();

function placed(model: monaco.editor.ITextModel, finding: CodeFinding): monaco.IRange {
  const range = callRange((line) => (line >= 1 && line <= model.getLineCount() ? model.getLineContent(line) : ''), model.getLineCount(), finding.line, finding.column);
  return { startLineNumber: range.line, startColumn: range.column, endLineNumber: range.endLine, endColumn: range.endColumn };
}

function mark(model: monaco.editor.ITextModel): void {
  const file = appFileOf(model);
  if (!file) return;
  const markers = findingsIn(current, file)
    .filter((finding) => finding.line <= model.getLineCount())
    .map((finding) => ({ ...placed(model, finding), severity: SEVERITY[finding.severity], message: finding.message, code: finding.code, source: 'Anvil' }));
  // Every new report marks again; setting the same markers would still cancel a quick-fix menu being opened.
  const key = JSON.stringify(markers);
  if (shownMarkers.get(model) === key) return;
  shownMarkers.set(model, key);
  monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
}

/** Marks every open app file with the report's findings at the calls they are about (none for an absent report). */
export function showCodeFindings(report: AnalysisReport | null): void {
  current = report ? codeFindings(report) : [];
  monaco.editor.getModels().forEach(mark);
}

function fixEdits(fix: QuickFix, manifest: monaco.editor.ITextModel): monaco.languages.IWorkspaceTextEdit[] {
  return fix.edits.map((edit) => ({
    resource: manifest.uri,
    versionId: manifest.getVersionId(),
    textEdit: { range: new monaco.Range(edit.range.line, edit.range.column, edit.range.endLine, edit.range.endColumn), text: edit.text },
  }));
}

interface Options {
  calls: CodeIntelCalls;
  /** The manifest's model: the code's quick fixes edit it, and its handler: values lead to the code. */
  manifest: monaco.editor.ITextModel;
  openSource: (file: string, line: number) => void;
}

/**
 * Code intelligence between the manifest and the app's code: findings marked in each app file as it
 * opens, their manifest-side quick fixes in the code, and Ctrl/Cmd+click (or F12) on a `handler:` or
 * `function:` value opening the code it names. Returns the function that withdraws all of it.
 */
export function registerCodeIntel({ calls, manifest, openSource }: Options): () => void {
  const created = monaco.editor.onDidCreateModel(mark);

  // The fix edits the manifest's model (unsaved, undoable there); the next analysis drops the finding.
  const actions = CODE_LANGUAGES.map((language) =>
    monaco.languages.registerCodeActionProvider(language, {
      provideCodeActions: (model, range, context) => {
        const file = appFileOf(model);
        if (!file || manifest.isDisposed()) return { actions: [], dispose: () => {} };
        const touching = findingsIn(current, file).filter((finding) => finding.fixes.length > 0 && monaco.Range.areIntersectingOrTouching(placed(model, finding), range));
        const list = touching.flatMap((finding) =>
          finding.fixes.map((fix) => ({
            title: `${fix.title} in manifest.yml`,
            kind: 'quickfix',
            isPreferred: true,
            diagnostics: context.markers.filter((marker) => marker.source === 'Anvil' && marker.code === finding.code && marker.message === finding.message),
            edit: { edits: fixEdits(fix, manifest) },
          })),
        );
        return { actions: list, dispose: () => {} };
      },
    }),
  );

  const definitions = monaco.languages.registerDefinitionProvider('yaml', {
    provideDefinition: async (model, position) => {
      if (model !== manifest) return null;
      const target = handlerTargetAt(model.getLinesContent(), position.lineNumber, position.column);
      if (!target) return null;
      const place = await calls.locateHandler({ handler: target.handler }).catch(() => null);
      if (!place || model.isDisposed()) return null;
      return [
        {
          uri: appFileUri(place.file),
          range: new monaco.Range(place.line, place.column, place.line, place.column),
          originSelectionRange: new monaco.Range(target.line, target.startColumn, target.line, target.endColumn),
        },
      ];
    },
  });

  // Going to an app file means opening it where the workbench opens files, at the line.
  const opener = monaco.editor.registerEditorOpener({
    openCodeEditor: (source, resource, selectionOrPosition) => {
      // Within the file already shown, the editor moves by itself.
      if (resource.scheme !== 'anvil-app' || source.getModel()?.uri.toString() === resource.toString()) return false;
      const line = !selectionOrPosition ? 1 : 'startLineNumber' in selectionOrPosition ? selectionOrPosition.startLineNumber : selectionOrPosition.lineNumber;
      openSource(resource.path.replace(/^\/+/, ''), line);
      return true;
    },
  });

  monaco.editor.getModels().forEach(mark);
  return () => {
    created.dispose();
    actions.forEach((action) => action.dispose());
    definitions.dispose();
    opener.dispose();
    monaco.editor.getModels().forEach((model) => {
      if (!appFileOf(model)) return;
      shownMarkers.delete(model);
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    });
  };
}
