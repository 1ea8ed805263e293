import type { AnvilBridge } from '../../../common/api';
import type { AnalysisReport, Diagnostic, ManifestVocabulary, ScopeExplanation } from '../../../common/types';
import { monaco } from './monaco-setup';

const MARKER_OWNER = 'anvil';
const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;

/** Show the manifest's diagnostics as Monaco markers (squiggles), keyed by their stable code. */
export function showDiagnostics(model: monaco.editor.ITextModel, report: AnalysisReport): void {
  const markers = report.diagnostics
    .filter((diagnostic) => diagnostic.file === 'manifest.yml')
    .map((diagnostic) => ({
      severity: SEVERITY[diagnostic.severity],
      message: diagnostic.message,
      code: diagnostic.code,
      startLineNumber: diagnostic.line,
      startColumn: diagnostic.column,
      endLineNumber: diagnostic.endLine,
      endColumn: Math.max(diagnostic.endColumn, diagnostic.line === diagnostic.endLine ? diagnostic.column + 1 : diagnostic.endColumn),
    }));
  monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
}

/** Turn a quick fix into Monaco edits. */
export function fixEdits(fix: Diagnostic['fixes'][number]): monaco.languages.IWorkspaceTextEdit['textEdit'][] {
  return fix.edits.map((edit) => ({
    range: new monaco.Range(edit.range.line, edit.range.column, edit.range.endLine, edit.range.endColumn),
    text: edit.text,
  }));
}

const SCOPE_PATTERN = /[a-z][a-z0-9-]*(?::[a-z0-9._-]+)+/g;

/** The scope-like word under a position, if any. */
function scopeAt(model: monaco.editor.ITextModel, position: monaco.Position): { scope: string; range: monaco.Range } | null {
  const line = model.getLineContent(position.lineNumber);
  for (const match of line.matchAll(SCOPE_PATTERN)) {
    const start = (match.index ?? 0) + 1;
    const end = start + match[0].length;
    if (position.column >= start && position.column <= end && !match[0].startsWith('http')) {
      return { scope: match[0], range: new monaco.Range(position.lineNumber, start, position.lineNumber, end) };
    }
  }
  return null;
}

function explanationMarkdown(explanation: ScopeExplanation): string {
  if (!explanation.valid) {
    return `**${explanation.scope}** is not a scope the platform accepts.${explanation.suggestions.length ? ` Did you mean \`${explanation.suggestions[0]}\`?` : ''}`;
  }
  const lines = [
    `**${explanation.scope}**${explanation.title ? ` — ${explanation.title}` : ''}`,
    '',
    explanation.description,
    '',
    `${explanation.product} · ${explanation.kind} · **${explanation.power}** · accepted by ${explanation.operations} REST operations`,
  ];
  if (explanation.alternatives.length > 0)
    lines.push(
      '',
      `Equivalent: ${explanation.alternatives
        .slice(0, 6)
        .map((scope) => `\`${scope}\``)
        .join(', ')}`,
    );
  return lines.join('\n');
}

/**
 * Register hover (scope explanations), quick fixes (from the latest report) and completion (scopes,
 * module types, module keys) for one editor's model. Returns the function that unregisters them.
 */
export function registerManifestLanguage(bridge: AnvilBridge, model: monaco.editor.ITextModel, latestReport: () => AnalysisReport | null): () => void {
  const explanations = new Map<string, Promise<ScopeExplanation>>();
  const explain = (scope: string) => {
    if (!explanations.has(scope)) explanations.set(scope, bridge.explainScope({ scope }));
    return explanations.get(scope)!;
  };
  let vocabulary: Promise<ManifestVocabulary> | null = null;

  const hover = monaco.languages.registerHoverProvider('yaml', {
    provideHover: async (target, position) => {
      if (target !== model) return null;
      const found = scopeAt(model, position);
      if (!found) return null;
      const explanation = await explain(found.scope);
      return { range: found.range, contents: [{ value: explanationMarkdown(explanation) }] };
    },
  });

  const actions = monaco.languages.registerCodeActionProvider('yaml', {
    provideCodeActions: (target, range) => {
      const report = latestReport();
      if (target !== model || !report) return { actions: [], dispose: () => {} };
      const touching = report.diagnostics.filter(
        (diagnostic) => diagnostic.file === 'manifest.yml' && diagnostic.fixes.length > 0 && diagnostic.line <= range.endLineNumber && diagnostic.endLine >= range.startLineNumber,
      );
      const list = touching.flatMap((diagnostic) =>
        diagnostic.fixes.map((fix) => ({
          title: fix.title,
          kind: 'quickfix',
          isPreferred: true,
          edit: { edits: fixEdits(fix).map((textEdit) => ({ resource: model.uri, textEdit, versionId: model.getVersionId() })) },
        })),
      );
      return { actions: list, dispose: () => {} };
    },
  });

  const completion = monaco.languages.registerCompletionItemProvider('yaml', {
    triggerCharacters: [':', '-', ' '],
    provideCompletionItems: async (target, position) => {
      if (target !== model) return { suggestions: [] };
      vocabulary ??= bridge.getManifestVocabulary();
      const words = await vocabulary;
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const word = /[\w:.-]*$/.exec(line)?.[0] ?? '';
      const range = new monaco.Range(position.lineNumber, position.column - word.length, position.lineNumber, position.column);
      const context = sectionOf(model, position.lineNumber);
      if (context === 'scopes') {
        return {
          suggestions: words.scopes.map((scope) => ({
            label: { label: scope.name, description: scope.title ?? undefined },
            kind: monaco.languages.CompletionItemKind.Value,
            insertText: scope.name,
            range,
          })),
        };
      }
      if (context === 'modules' && /^ {2}[\w:-]*$/.test(line)) {
        return { suggestions: words.moduleTypes.map((type) => ({ label: type, kind: monaco.languages.CompletionItemKind.Module, insertText: `${type}:\n    - key: `, range })) };
      }
      if (context === 'modules') {
        return { suggestions: words.moduleKeys.map((key) => ({ label: key, kind: monaco.languages.CompletionItemKind.Property, insertText: `${key}: `, range })) };
      }
      return { suggestions: [] };
    },
  });

  return () => {
    hover.dispose();
    actions.dispose();
    completion.dispose();
  };
}

/** Which top-level part of the manifest a line sits in (`scopes` under permissions counts on its own). */
function sectionOf(model: monaco.editor.ITextModel, lineNumber: number): 'scopes' | 'modules' | 'other' {
  for (let line = lineNumber; line >= 1; line -= 1) {
    const text = model.getLineContent(line);
    if (/^\s+scopes:\s*(\[.*)?$/.test(text) && line !== lineNumber) return 'scopes';
    if (/^\s+scopes:\s*\[/.test(text)) return 'scopes';
    if (/^modules:/.test(text)) return 'modules';
    if (/^[a-z]/i.test(text) && line !== lineNumber) return 'other';
  }
  return 'other';
}
