import { preferenceStorage } from '../preferences';
import { monacoThemeFor, parseThemeChoice, resolveTheme, THEME_STORAGE_KEY, type ColorTheme, type SystemColors, type ThemeChoice } from './colorTheme';

const QUERIES = {
  dark: '(prefers-color-scheme: dark)',
  forcedColors: '(forced-colors: active)',
  moreContrast: '(prefers-contrast: more)',
} as const;

function media(query: string): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
}

export function readSystemColors(): SystemColors {
  return {
    dark: media(QUERIES.dark)?.matches ?? true,
    forcedColors: media(QUERIES.forcedColors)?.matches ?? false,
    moreContrast: media(QUERIES.moreContrast)?.matches ?? false,
  };
}

/** Calls back whenever the operating system's colour settings change. */
export function onSystemColorsChange(listener: () => void): () => void {
  const lists = Object.values(QUERIES)
    .map(media)
    .filter((list): list is MediaQueryList => list !== null);
  for (const list of lists) list.addEventListener('change', listener);
  return () => {
    for (const list of lists) list.removeEventListener('change', listener);
  };
}

export function readThemeChoice(): ThemeChoice {
  try {
    return parseThemeChoice(preferenceStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return 'system';
  }
}

export function writeThemeChoice(choice: ThemeChoice): void {
  try {
    preferenceStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not remembered this time; the theme on screen is still the one picked.
  }
}

/** What is shown now, for the editor and anything else that draws its own colours. */
export interface AppliedTheme {
  theme: ColorTheme;
  monaco: ReturnType<typeof monacoThemeFor>;
}

const listeners = new Set<(applied: AppliedTheme) => void>();
let applied: AppliedTheme | null = null;

function computeApplied(): AppliedTheme {
  const system = readSystemColors();
  const theme = resolveTheme(readThemeChoice(), system);
  return { theme, monaco: monacoThemeFor(theme, system) };
}

/** Puts the theme on the page (`<html data-theme>`) and tells the editor. */
export function applyTheme(): AppliedTheme {
  const next = computeApplied();
  document.documentElement.dataset.theme = next.theme;
  if (applied?.theme !== next.theme || applied.monaco !== next.monaco) {
    applied = next;
    for (const listener of listeners) listener(next);
  }
  return next;
}

/** Calls back with the theme now and on every change; the editor follows the workbench through this. */
export function followColorTheme(listener: (applied: AppliedTheme) => void): () => void {
  listeners.add(listener);
  listener(applied ?? computeApplied());
  return () => {
    listeners.delete(listener);
  };
}
