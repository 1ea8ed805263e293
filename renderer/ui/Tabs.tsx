import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useCommands } from './commands';
import { useRevealPanel } from './layout/panelReveal';

export interface Tab {
  key: string;
  label: string;
  content: ReactNode;
}

/** Keys that move between tabs (WAI-ARIA tabs pattern, horizontal): the index they lead to. */
function nextIndex(key: string, current: number, count: number): number | null {
  if (key === 'ArrowRight') return (current + 1) % count;
  if (key === 'ArrowLeft') return (current - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * Tabs that mount a pane the first time it is shown (its code loads then) and keep it mounted
 * afterwards, so a terminal or a live view keeps its state while hidden.
 * The strip wraps onto more rows rather than running off the window, so every tab stays on screen;
 * only the selected tab is in the Tab order, and the arrow keys, Home and End move between tabs.
 */
export function Tabs({ tabs, label }: { tabs: Tab[]; label: string }) {
  const [active, setActiveKey] = useState(tabs[0]?.key);
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set(tabs[0] ? [tabs[0].key] : []));
  const setActive = (key: string) => {
    setActiveKey(key);
    setShown((previous) => (previous.has(key) ? previous : new Set([...previous, key])));
  };
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const revealPanel = useRevealPanel();
  // "Show <pane>" in the command palette: opens the tab (and the panel, when collapsed) and puts the focus on it.
  useCommands(
    tabs.map((tab) => ({
      id: `show-${tab.key}`,
      category: 'View',
      title: `Show ${tab.label}`,
      run: () => {
        revealPanel();
        setActive(tab.key);
        // After the render that shows the panel: a hidden tab cannot take the focus.
        requestAnimationFrame(() => buttons.current.get(tab.key)?.focus());
      },
    })),
  );

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const next = nextIndex(event.key, index, tabs.length);
    const tab = next === null ? undefined : tabs[next];
    if (!tab) return;
    event.preventDefault();
    setActive(tab.key);
    buttons.current.get(tab.key)?.focus();
  };

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} aria-orientation="horizontal" className="tab-list">
        {tabs.map((tab, index) => (
          <button
            key={tab.key}
            ref={(element) => {
              if (element) buttons.current.set(tab.key, element);
              else buttons.current.delete(tab.key);
            }}
            type="button"
            role="tab"
            id={`tab-${tab.key}`}
            aria-selected={tab.key === active}
            aria-controls={`panel-${tab.key}`}
            tabIndex={tab.key === active ? 0 : -1}
            onClick={() => setActive(tab.key)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.key} role="tabpanel" id={`panel-${tab.key}`} aria-labelledby={`tab-${tab.key}`} hidden={tab.key !== active} className="tab-panel">
          {shown.has(tab.key) ? tab.content : null}
        </div>
      ))}
    </div>
  );
}
