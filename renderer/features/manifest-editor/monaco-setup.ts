/**
 * Monaco, loaded from Anvil's own bundle (never a CDN): the editor core, its standard features
 * and YAML highlighting. Workers come from the same origin, as the CSP requires.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
