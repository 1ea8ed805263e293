import { useState } from 'react';
import { Modal } from '../Modal';
import { THEME_CHOICES, type ColorTheme, type ThemeChoice } from './colorTheme';

interface Props {
  choice: ThemeChoice;
  /** What "Follow system" shows now. */
  systemTheme: ColorTheme;
  onChoose: (choice: ThemeChoice) => void;
  onClose: () => void;
}

const NAMES: Record<ColorTheme, string> = { light: 'Light', dark: 'Dark', hc: 'High contrast' };

/** "Preferences: Color Theme": each option applies at once (arrow keys preview them); Enter or Escape closes. */
export function ThemePicker({ choice, systemTheme, onChoose, onClose }: Props) {
  const [first] = useState(choice);
  return (
    <Modal label="Color theme" className="theme-picker" onClose={onClose}>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          onClose();
        }}
      >
        <fieldset className="theme-choices">
          <legend>Color theme</legend>
          {THEME_CHOICES.map((option) => (
            <label key={option.choice}>
              <input type="radio" name="color-theme" value={option.choice} checked={choice === option.choice} autoFocus={option.choice === first} onChange={() => onChoose(option.choice)} />
              {option.choice === 'system' ? `${option.label} (now ${NAMES[systemTheme]})` : option.label}
            </label>
          ))}
        </fieldset>
        <div className="dialog-actions">
          <button type="submit">Done</button>
        </div>
      </form>
    </Modal>
  );
}
