/**
 * The baseline page of the typing benchmark: Monaco alone (the version the workbench bundles, built
 * the same way, with YAML), showing a manifest and a trivial synchronous validator run on every
 * change with a debounce of 0. Its one rule: a list item that looks like a scope and was not in the
 * text at load gets an error marker. It writes "<n> errors" where the workbench's Problems list does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { projectRoot } from '../../main/project-root';
import { precompressFolder } from '../../scripts/precompress.mjs';

export interface BarePage {
  /** The built page, to be served. */
  folder: string;
  remove(): void;
}

const PAGE_SCRIPT = (manifest: string) => `
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
const editor = monaco.editor.create(document.getElementById('editor'), {
  value: ${JSON.stringify(manifest)},
  language: 'yaml', theme: 'vs-dark', automaticLayout: true, minimap: { enabled: false },
  fontSize: 13, tabSize: 2, insertSpaces: true, scrollBeyondLastLine: false,
});
const model = editor.getModel();
const counts = document.getElementById('counts');
const SCOPE_ITEM = /^(\\s*- )([a-z][a-z0-9-]*(?::[a-z0-9._-]+)+)\\s*$/;
const scopesIn = () => {
  const found = [];
  for (let line = 1; line <= model.getLineCount(); line += 1) {
    const match = SCOPE_ITEM.exec(model.getLineContent(line));
    if (match) found.push({ line, column: match[1].length + 1, scope: match[2] });
  }
  return found;
};
const known = new Set(scopesIn().map((item) => item.scope));
const validate = () => {
  const markers = scopesIn()
    .filter((item) => !known.has(item.scope))
    .map((item) => ({ severity: monaco.MarkerSeverity.Error, message: 'unknown scope', startLineNumber: item.line, startColumn: item.column, endLineNumber: item.line, endColumn: item.column + item.scope.length }));
  monaco.editor.setModelMarkers(model, 'bench', markers);
  counts.textContent = markers.length + ' errors';
};
let timer;
model.onDidChangeContent(() => {
  clearTimeout(timer);
  timer = setTimeout(validate, 0);
});
validate();
`;

/** Build the page in a scratch folder of its own (inside the project, so Monaco resolves from its node_modules). */
export async function buildBareMonaco(manifest: string): Promise<BarePage> {
  const benchOut = path.join(projectRoot(), 'out', 'bench');
  mkdirSync(benchOut, { recursive: true });
  const scratch = mkdtempSync(path.join(benchOut, 'bare-typing-'));
  const source = path.join(scratch, 'src');
  const folder = path.join(scratch, 'page');
  mkdirSync(source);
  writeFileSync(
    path.join(source, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Bare Monaco</title></head>' +
      '<body style="margin:0"><div class="problem-counts" id="counts"></div><div id="editor" style="width:100vw;height:90vh"></div>' +
      '<script type="module" src="./main.ts"></script></body></html>',
  );
  writeFileSync(path.join(source, 'main.ts'), PAGE_SCRIPT(manifest));
  await build({ configFile: false, root: source, base: './', logLevel: 'error', build: { outDir: folder, emptyOutDir: true, chunkSizeWarningLimit: 8000 }, worker: { format: 'es' } });
  await precompressFolder(folder);
  return { folder, remove: () => rmSync(scratch, { recursive: true, force: true }) };
}
