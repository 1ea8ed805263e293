import { useRef, type KeyboardEvent } from 'react';
import type { SidebarView } from './WorkbenchLayout';

interface Props {
  views: SidebarView[];
  /** The view the sidebar shows, or null when it is collapsed. */
  shown: string | null;
  onView: (key: string) => void;
  panelShown: boolean;
  onTogglePanel: () => void;
  panelShortcut: string;
  onCommandPalette?: () => void;
  paletteShortcut: string;
}

function titled(label: string, shortcut: string | undefined): string {
  return shortcut ? `${label} (${shortcut})` : label;
}

/**
 * The strip along the left: one button per sidebar view (pressing the shown one collapses the
 * sidebar), then the panel and the command palette, so every part of the workbench is one click away.
 * Every button is in the Tab order; the up and down arrows also move between them.
 */
export function ActivityBar({ views, shown, onView, panelShown, onTogglePanel, panelShortcut, onCommandPalette, paletteShortcut }: Props) {
  const bar = useRef<HTMLElement | null>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(bar.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.findIndex((button) => button === document.activeElement);
    if (index === -1) return;
    event.preventDefault();
    const next = buttons[(index + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length];
    next?.focus();
  };
  return (
    <nav ref={bar} className="activity-bar" aria-label="Views" onKeyDown={onKeyDown}>
      {views.map((view) => (
        <button
          key={view.key}
          type="button"
          className="activity-button"
          aria-label={view.label}
          title={titled(view.label, view.shortcut)}
          aria-keyshortcuts={view.shortcut?.replace(/Ctrl/g, 'Control')}
          aria-pressed={shown === view.key}
          aria-controls="workbench-sidebar"
          onClick={() => onView(view.key)}
        >
          <span aria-hidden="true">{view.icon}</span>
        </button>
      ))}
      <span className="activity-spacer" />
      <button
        type="button"
        className="activity-button"
        aria-label="Panel"
        title={titled(panelShown ? 'Hide Panel' : 'Show Panel', panelShortcut)}
        aria-keyshortcuts={panelShortcut.replace(/Ctrl/g, 'Control')}
        aria-pressed={panelShown}
        aria-controls="workbench-panel"
        onClick={onTogglePanel}
      >
        <span aria-hidden="true">▭</span>
      </button>
      {onCommandPalette ? (
        <button type="button" className="activity-button" aria-label="Command palette" title={titled('Command palette', paletteShortcut)} onClick={onCommandPalette}>
          <span aria-hidden="true">⌘</span>
        </button>
      ) : null}
    </nav>
  );
}
