import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { AppliedTheme } from './themeStore';

/**
 * The Monaco theme for the workbench's theme. Monaco's vs-dark draws comments in #608b4e, 4.2:1 on
 * its background, under the 4.5:1 text needs; the dark editor takes its comment colour from the
 * workbench's --token-comment instead, so the colour lives with the theme's other colours.
 */
export function editorTheme(monaco: typeof Monaco, applied: AppliedTheme): string {
  if (applied.monaco !== 'vs-dark') return applied.monaco;
  const comment = getComputedStyle(document.documentElement).getPropertyValue('--token-comment').trim().replace(/^#/, '');
  if (!/^[0-9a-f]{6}$/i.test(comment)) return applied.monaco;
  monaco.editor.defineTheme('anvil-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: comment }], colors: {} });
  return 'anvil-dark';
}
