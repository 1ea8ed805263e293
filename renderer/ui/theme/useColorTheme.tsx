import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { useCommands } from '../commands';
import { resolveTheme, type ThemeChoice } from './colorTheme';
import { applyTheme, onSystemColorsChange, readSystemColors, readThemeChoice, writeThemeChoice } from './themeStore';
import { ThemePicker } from './ThemePicker';

/**
 * The workbench's colour theme: follows the operating system until the user picks one with
 * "Preferences: Color Theme" (remembered), and follows the system's changes while it does.
 * Returns the picker dialog to render while it is open.
 */
export function useColorTheme(): { dialog: ReactNode } {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  const [system, setSystem] = useState(readSystemColors);
  const [picking, setPicking] = useState(false);

  // Before paint, so the first frame is already in the right colours.
  useLayoutEffect(() => {
    applyTheme();
  }, [choice, system]);
  useEffect(() => {
    return onSystemColorsChange(() => {
      setSystem(readSystemColors());
    });
  }, []);

  const choose = (next: ThemeChoice) => {
    writeThemeChoice(next);
    setChoice(next);
  };
  // Opened a frame later: the palette that runs it has given the focus back by then, so Escape returns it there.
  useCommands([{ id: 'preferences-color-theme', category: 'Preferences', title: 'Color Theme', run: () => requestAnimationFrame(() => setPicking(true)) }]);

  return {
    dialog: picking ? <ThemePicker choice={choice} systemTheme={resolveTheme('system', system)} onChoose={choose} onClose={() => setPicking(false)} /> : null,
  };
}
