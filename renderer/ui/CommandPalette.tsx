import { useEffect, useState, type KeyboardEvent } from 'react';
import { useCommandRegistry, type Command } from './commands';
import { matchCommands } from './matchCommands';
import { Modal } from './Modal';

/**
 * Every action of every pane, found by typing: arrows move, Enter runs, Escape closes and the focus
 * goes back where it was. It lists what the panes registered (useCommands), never pane internals.
 */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const registry = useCommandRegistry();
  const [commands, setCommands] = useState<Command[]>(() => registry?.list() ?? []);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [loading, setLoading] = useState(registry !== null);
  // Enter pressed before the app's functions were listed: runs the top match once they are.
  const [enterWhenLoaded, setEnterWhenLoaded] = useState(false);

  // The runnable functions and the like are asked for now, so they are never stale.
  useEffect(() => {
    let current = true;
    void registry?.load().then((loaded) => {
      if (!current) return;
      setCommands([...registry.list(), ...loaded]);
      setLoading(false);
    });
    return () => {
      current = false;
    };
  }, [registry]);

  const matches = matchCommands(commands, query);
  const chosen = matches[Math.min(selected, matches.length - 1)];

  const runCommand = (command: Command) => {
    // Closed first, so the focus is back in the workbench before the command moves it.
    onClose();
    if (command.pane) registry?.run(`show-${command.pane}`);
    void command.run();
  };
  const runChosen = () => {
    if (chosen) runCommand(chosen);
    else if (loading) setEnterWhenLoaded(true);
  };
  useEffect(() => {
    if (!loading && enterWhenLoaded) {
      setEnterWhenLoaded(false);
      if (chosen) runCommand(chosen);
    }
    // Runs when the list finishes loading; the top match then is what Enter meant.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loading, enterWhenLoaded]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSelected((index) => (Math.min(index, matches.length - 1) + step + matches.length) % Math.max(matches.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      runChosen();
    }
  };

  return (
    <Modal label="Command palette" className="command-palette" onClose={onClose}>
      <input
        autoFocus
        type="text"
        role="combobox"
        aria-label="Command"
        aria-expanded="true"
        aria-controls="command-palette-list"
        aria-activedescendant={chosen ? `command-option-${matches.indexOf(chosen)}` : undefined}
        placeholder="Type a command: run, show, open, save, environment…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setSelected(0);
        }}
        onKeyDown={onKeyDown}
        spellCheck={false}
      />
      <ul id="command-palette-list" role="listbox" aria-label="Commands" className="command-list">
        {matches.map((command, index) => (
          <li
            key={command.id}
            id={`command-option-${index}`}
            role="option"
            aria-selected={command === chosen}
            className={command === chosen ? 'command selected' : 'command'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => runCommand(command)}
          >
            <span className="command-title">
              <span className="command-category">{command.category}:</span> {command.title}
            </span>
            {command.shortcut ? <kbd className="command-shortcut">{command.shortcut}</kbd> : null}
          </li>
        ))}
      </ul>
      {matches.length === 0 && !loading ? <p className="command-none">No command matches “{query}”.</p> : null}
      {loading ? (
        <p className="command-none" role="status">
          Listing the app’s functions…
        </p>
      ) : null}
    </Modal>
  );
}

/** Ctrl/Cmd+Shift+P and F1, from anywhere in the workbench (the editor's own F1 included). */
export function isPaletteShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  if (event.key === 'F1') return !event.ctrlKey && !event.metaKey && !event.altKey;
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p';
}

export function usePaletteShortcut(open: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      event.stopPropagation();
      open();
    };
    // Capture phase: the editor would otherwise take F1 for its own palette.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [open]);
}
