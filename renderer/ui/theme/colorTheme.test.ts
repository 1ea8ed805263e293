import { describe, expect, it } from 'vitest';
import { monacoThemeFor, parseThemeChoice, resolveTheme } from './colorTheme';

const system = (dark: boolean, forcedColors = false, moreContrast = false) => ({ dark, forcedColors, moreContrast });

describe('the colour theme', () => {
  it('follows the operating system unless the user picked one', () => {
    expect(resolveTheme('system', system(true))).toBe('dark');
    expect(resolveTheme('system', system(false))).toBe('light');
    expect(resolveTheme('light', system(true))).toBe('light');
    expect(resolveTheme('dark', system(false))).toBe('dark');
    expect(resolveTheme('hc', system(false))).toBe('hc');
  });

  it('is high contrast when the system forces its colours or asks for more contrast', () => {
    expect(resolveTheme('system', system(false, true))).toBe('hc');
    expect(resolveTheme('system', system(true, false, true))).toBe('hc');
    // A pick still wins: the user asked for it.
    expect(resolveTheme('light', system(false, true))).toBe('light');
  });

  it('reads back a stored pick, and follows the system for anything else', () => {
    for (const choice of ['light', 'dark', 'hc', 'system'] as const) expect(parseThemeChoice(choice)).toBe(choice);
    for (const raw of [null, '', 'solarized', '"dark"', 'DARK']) expect(parseThemeChoice(raw)).toBe('system');
  });

  it("gives the editor Monaco's matching theme, high contrast light under a light contrast theme", () => {
    expect(monacoThemeFor('light', system(false))).toBe('vs');
    expect(monacoThemeFor('dark', system(false))).toBe('vs-dark');
    expect(monacoThemeFor('hc', system(true, true))).toBe('hc-black');
    expect(monacoThemeFor('hc', system(false, true))).toBe('hc-light');
    expect(monacoThemeFor('hc', system(false, false, true))).toBe('hc-black');
  });
});
