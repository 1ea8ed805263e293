/**
 * Names of the app's files as the editor area shows and models them. Paths are relative to the app
 * folder with '/' separators, as the contract gives them.
 */

/** The manifest has an editor of its own; its tab uses this key. */
export const MANIFEST_FILE = 'manifest.yml';

/** The scheme of app-file models, so other features can find them: `anvil-app:/src/index.js`. */
export const APP_FILE_SCHEME = 'anvil-app';

/** The path part of an app file's model URI. */
export function modelPathOf(file: string): string {
  return `/${file}`;
}

/** The app file a model path stands for (the inverse of modelPathOf). */
export function fileOfModelPath(path: string): string {
  return path.replace(/^\/+/, '');
}

const LANGUAGES: Record<string, string> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
  json: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  md: 'markdown',
  css: 'css',
  html: 'html',
  htm: 'html',
};

/** Monaco's language for a file, by its extension; plain text when Anvil has no grammar for it. */
export function languageOfFile(file: string): string {
  const extension = /\.([^./]+)$/.exec(file)?.[1]?.toLowerCase();
  return (extension && LANGUAGES[extension]) || 'plaintext';
}

/** Files the TypeScript service understands: they bring in its worker when first opened. */
export function isCodeFile(file: string): boolean {
  const language = languageOfFile(file);
  return language === 'javascript' || language === 'typescript';
}

/**
 * Editing a file of this size would make every keystroke slow (Monaco's whole-model features,
 * the TypeScript service): it opens read-only, with a note.
 */
export const LARGE_FILE_CHARS = 1024 * 1024;

/** Why a file opens read-only, in words for the note above it; null when it can be edited. */
export function readOnlyReason(text: string): string | null {
  // A NUL never appears in text files; a run of replacement characters means bytes that are not UTF-8.
  const sample = text.slice(0, 8192);
  const replaced = sample.match(/\uFFFD/g)?.length ?? 0;
  if (sample.includes('\u0000') || (sample.length > 0 && replaced / sample.length > 0.1)) {
    return 'This file looks binary: it is shown read-only so saving cannot damage it.';
  }
  if (text.length > LARGE_FILE_CHARS) {
    return `This file is large (${Math.round(text.length / 1024 / 1024)} MB of text): it is shown read-only, as editing it here would be slow. Edit it in another editor.`;
  }
  return null;
}

/**
 * Tab labels: the file name, and where two open files share a name, enough of their folders to
 * tell them apart (as VS Code does: `index.js · src`, `index.js · src/frontend`).
 */
export function tabLabels(files: readonly string[]): Map<string, { name: string; hint: string | null }> {
  const labels = new Map<string, { name: string; hint: string | null }>();
  const byName = new Map<string, string[]>();
  for (const file of files) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  for (const [name, same] of byName) {
    for (const file of same) {
      const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
      labels.set(file, { name, hint: same.length > 1 ? folder || '(app folder)' : null });
    }
  }
  return labels;
}
