/**
 * Which colour theme the workbench shows: the user's pick, or the operating system's when the user
 * follows it (the default). Plain functions, so the choice is tested without a browser.
 */

export type ColorTheme = 'light' | 'dark' | 'hc';
export type ThemeChoice = ColorTheme | 'system';

export const THEME_STORAGE_KEY = 'anvil.theme.v1';

export const THEME_CHOICES: { choice: ThemeChoice; label: string }[] = [
  { choice: 'system', label: 'Follow system' },
  { choice: 'light', label: 'Light' },
  { choice: 'dark', label: 'Dark' },
  { choice: 'hc', label: 'High contrast' },
];

/** What the operating system asks for, as the CSS media features say it. */
export interface SystemColors {
  dark: boolean;
  /** Windows' contrast themes and the like: the system draws the colours itself. */
  forcedColors: boolean;
  moreContrast: boolean;
}

/** A stored choice; anything else (nothing stored, an old or tampered value) follows the system. */
export function parseThemeChoice(raw: string | null): ThemeChoice {
  return raw === 'light' || raw === 'dark' || raw === 'hc' || raw === 'system' ? raw : 'system';
}

export function resolveTheme(choice: ThemeChoice, system: SystemColors): ColorTheme {
  if (choice !== 'system') return choice;
  if (system.forcedColors || system.moreContrast) return 'hc';
  return system.dark ? 'dark' : 'light';
}

/** Monaco's built-in theme for a workbench theme; high contrast is light when the system's contrast theme is. */
export function monacoThemeFor(theme: ColorTheme, system: SystemColors): 'vs' | 'vs-dark' | 'hc-black' | 'hc-light' {
  if (theme === 'light') return 'vs';
  if (theme === 'dark') return 'vs-dark';
  return system.forcedColors && !system.dark ? 'hc-light' : 'hc-black';
}
