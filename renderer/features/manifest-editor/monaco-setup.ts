/**
 * Monaco, loaded from Anvil's own bundle (never a CDN): the editor core, its standard features
 * and YAML highlighting. Workers come from the same origin, as the CSP requires.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
// Only constructors: each worker's code is a file of its own, fetched when the first model of its
// language asks for it (app files opened in the editor area), never at start-up.
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { followTabFocusMode } from '../../ui/layout/tabFocusMode';
import { editorTheme } from '../../ui/theme/monacoTheme';
import { followColorTheme } from '../../ui/theme/themeStore';

self.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => {
    if (label === 'typescript' || label === 'javascript') return new TypeScriptWorker();
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

// Every editor follows the workbench's colour theme; an editor created with a theme of its own is put back on it.
followColorTheme((applied) => monaco.editor.setTheme(editorTheme(monaco, applied)));
// The status bar shows when Tab moves the focus (Ctrl+M), and each editor's name says which key switches it.
monaco.editor.onDidCreateEditor((editor) =>
  queueMicrotask(() => {
    followColorTheme((applied) => monaco.editor.setTheme(editorTheme(monaco, applied)))();
    followTabFocusMode(editor, { ariaLabel: monaco.editor.EditorOption.ariaLabel });
  }),
);

export { monaco };
