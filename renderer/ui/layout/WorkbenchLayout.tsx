import { useCallback, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useCommands, type Command } from '../commands';
import { ActivityBar } from './ActivityBar';
import { focusCycle, focusRegion } from './focusRegions';
import { PanelRevealContext } from './panelReveal';
import { matchesShortcut, shortcutLabel } from './shortcuts';
import { Splitter } from './Splitter';
import { TAB_FOCUS_KEY, toggleTabFocusMode } from './tabFocusMode';
import { DEFAULT_LAYOUT, clampPanelShare, clampSidebarWidth, sidebarMaxWidth, withKnownView, SIDEBAR_MIN_WIDTH, PANEL_MIN_SHARE, PANEL_MAX_SHARE } from './storedLayout';
import { useElementSize, useLayoutState, useWindowSize } from './useLayoutState';
import './layout.css';

/** A view the activity bar opens in the sidebar (Explorer, Search…). */
export interface SidebarView {
  key: string;
  label: string;
  icon: ReactNode;
  content: ReactNode;
  /** Its key, as the palette and the activity bar's tooltip show it ("Ctrl+Shift+E"). */
  shortcut?: string;
}

interface Props {
  sidebarViews: SidebarView[];
  editor: ReactNode;
  panel: ReactNode;
  /** Opens the command palette from the activity bar. */
  onCommandPalette?: () => void;
}

const TOGGLE_SIDEBAR = 'Ctrl+B';
const TOGGLE_PANEL = 'Ctrl+J';
const TOGGLE_PANEL_ALSO = 'Ctrl+`';
const FOCUS_EDITOR = 'Ctrl+1';

/** Focuses the text of the shown editor when there is one, else the first stop of the editor area. */
function focusEditor(region: HTMLElement | null): void {
  focusRegion(region);
}

/**
 * The workbench's arrangement, as in VS Code: the activity bar on the left, the sidebar it opens,
 * the editor, and the panel beside the editor or below it. The splitters resize and collapse; sizes,
 * what is collapsed and where the panel sits are remembered across reloads, and clamped so the
 * window never scrolls sideways. Views the user has shown stay mounted while hidden, so they keep
 * their state.
 */
export function WorkbenchLayout({ sidebarViews, editor, panel, onCommandPalette }: Props) {
  const [stored, update] = useLayoutState();
  const viewKeys = sidebarViews.map((view) => view.key);
  const layout = withKnownView(stored, viewKeys);
  const windowSize = useWindowSize();
  const [main, setMain] = useState<HTMLElement | null>(null);
  const mainSize = useElementSize(main);
  const sidebarRef = useRef<HTMLElement | null>(null);
  const editorRef = useRef<HTMLElement | null>(null);
  const panelRef = useRef<HTMLElement | null>(null);

  const activeView = sidebarViews.find((view) => view.key === layout.sidebarView) ?? sidebarViews[0];
  const sidebarShown = activeView !== undefined && !layout.sidebarCollapsed;
  const [mountedViews, setMountedViews] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    if (sidebarShown && activeView && !mountedViews.has(activeView.key)) setMountedViews(new Set([...mountedViews, activeView.key]));
  }, [sidebarShown, activeView, mountedViews]);

  const sidebarWidth = clampSidebarWidth(layout.sidebarWidth, windowSize.width);
  const below = layout.panelPosition === 'below';
  const panelShare = layout.panelShare[layout.panelPosition];
  const mainExtent = below ? mainSize.height : mainSize.width;

  /** When a region is hidden while it has the focus, the focus goes to the editor instead of nowhere. */
  const keepFocusOutOf = (region: HTMLElement | null) => {
    if (region?.contains(document.activeElement)) focusEditor(editorRef.current);
  };

  const showView = useCallback((key: string) => update((current) => ({ ...current, sidebarView: key, sidebarCollapsed: false })), [update]);
  const toggleView = (key: string) => {
    if (sidebarShown && activeView?.key === key) {
      keepFocusOutOf(sidebarRef.current);
      update((current) => ({ ...current, sidebarCollapsed: true }));
    } else showView(key);
  };
  const toggleSidebar = () => {
    if (sidebarShown) keepFocusOutOf(sidebarRef.current);
    update((current) => ({ ...current, sidebarCollapsed: !current.sidebarCollapsed }));
  };
  const togglePanel = () => {
    if (!layout.panelCollapsed) keepFocusOutOf(panelRef.current);
    update((current) => ({ ...current, panelCollapsed: !current.panelCollapsed }));
  };
  const revealPanel = useCallback(() => update((current) => (current.panelCollapsed ? { ...current, panelCollapsed: false } : current)), [update]);
  const movePanel = (position: 'right' | 'below') => update((current) => ({ ...current, panelPosition: position, panelCollapsed: false }));

  const commands: Command[] = [
    { id: 'layout-toggle-panel', category: 'View', title: 'Toggle Panel', shortcut: shortcutLabel(TOGGLE_PANEL), run: togglePanel },
    { id: 'layout-panel-below', category: 'View', title: `Move Panel Below${below ? ' (current)' : ''}`, run: () => movePanel('below') },
    { id: 'layout-panel-right', category: 'View', title: `Move Panel Right${below ? '' : ' (current)'}`, run: () => movePanel('right') },
    { id: 'layout-focus-editor', category: 'View', title: 'Focus Editor', shortcut: shortcutLabel(FOCUS_EDITOR), run: () => focusEditor(editorRef.current) },
    { id: 'layout-focus-next', category: 'View', title: 'Focus Next Part (sidebar, editor, panel, status bar)', shortcut: 'F6', run: () => cycle(true) },
    { id: 'layout-tab-focus', category: 'View', title: 'Toggle Tab Key Moves Focus', shortcut: shortcutLabel(TAB_FOCUS_KEY), run: toggleTabFocusMode },
    { id: 'layout-reset', category: 'View', title: 'Reset Layout', run: () => update(() => DEFAULT_LAYOUT) },
  ];
  if (sidebarViews.length > 0) {
    commands.push({ id: 'layout-toggle-sidebar', category: 'View', title: 'Toggle Sidebar', shortcut: shortcutLabel(TOGGLE_SIDEBAR), run: toggleSidebar });
    for (const view of sidebarViews) {
      commands.push({
        id: `show-${view.key}`,
        category: 'View',
        title: `Show ${view.label}`,
        shortcut: view.shortcut ? shortcutLabel(view.shortcut) : undefined,
        run: () => {
          showView(view.key);
          // After the render that shows it.
          requestAnimationFrame(() => focusRegion(sidebarRef.current));
        },
      });
    }
  }
  useCommands(commands);

  const cycle = (forward: boolean) => {
    const statusBar = document.querySelector<HTMLElement>('.status-bar');
    focusCycle([sidebarShown ? sidebarRef.current : null, editorRef.current, layout.panelCollapsed ? null : panelRef.current, statusBar], forward);
  };

  // Capture phase, as the palette's own shortcut: the editor would otherwise keep Ctrl+B and F6.
  const latest = useRef({ toggleSidebar, togglePanel, cycle, views: sidebarViews, showView, editor: editorRef });
  latest.current = { toggleSidebar, togglePanel, cycle, views: sidebarViews, showView, editor: editorRef };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog keeps its keys: nothing behind it moves while it is open.
      if (document.querySelector('[aria-modal="true"]')) return;
      const act = latest.current;
      let run: (() => void) | null = null;
      if (matchesShortcut(event, TOGGLE_SIDEBAR) && act.views.length > 0) run = act.toggleSidebar;
      else if (matchesShortcut(event, TOGGLE_PANEL) || matchesShortcut(event, TOGGLE_PANEL_ALSO)) run = act.togglePanel;
      else if (matchesShortcut(event, FOCUS_EDITOR)) run = () => focusEditor(act.editor.current);
      else if (matchesShortcut(event, TAB_FOCUS_KEY)) run = toggleTabFocusMode;
      else if (matchesShortcut(event, 'F6')) run = () => act.cycle(true);
      else if (matchesShortcut(event, 'Shift+F6')) run = () => act.cycle(false);
      else {
        const view = act.views.find((candidate) => candidate.shortcut && matchesShortcut(event, candidate.shortcut));
        if (view) {
          run = () => {
            act.showView(view.key);
            requestAnimationFrame(() => focusRegion(sidebarRef.current));
          };
        }
      }
      if (!run) return;
      event.preventDefault();
      event.stopPropagation();
      run();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const panelPixels = Math.round(panelShare * mainExtent);
  const setPanelPixels = (pixels: number) => {
    if (mainExtent <= 0) return;
    const share = clampPanelShare(pixels / mainExtent);
    update((current) => ({ ...current, panelShare: { ...current.panelShare, [current.panelPosition]: share } }));
  };

  const rootStyle = { '--sidebar-width': `${sidebarWidth}px` } as CSSProperties;
  const mainStyle: CSSProperties = layout.panelCollapsed
    ? {}
    : below
      ? { gridTemplateRows: `minmax(0, ${1 - panelShare}fr) auto minmax(0, ${panelShare}fr)` }
      : { gridTemplateColumns: `minmax(0, ${1 - panelShare}fr) auto minmax(0, ${panelShare}fr)` };

  return (
    <PanelRevealContext.Provider value={revealPanel}>
      <div className={`workbench-layout${sidebarShown ? ' with-sidebar' : ''}`} style={rootStyle}>
        <ActivityBar
          views={sidebarViews}
          shown={sidebarShown ? (activeView?.key ?? null) : null}
          onView={toggleView}
          panelShown={!layout.panelCollapsed}
          onTogglePanel={togglePanel}
          panelShortcut={shortcutLabel(TOGGLE_PANEL)}
          onCommandPalette={onCommandPalette}
          paletteShortcut={shortcutLabel('Ctrl+Shift+P')}
        />
        {activeView ? (
          <aside ref={sidebarRef} id="workbench-sidebar" className="sidebar" aria-label={activeView.label} hidden={!sidebarShown}>
            {sidebarViews.map((view) => (
              <div key={view.key} className="sidebar-view" hidden={view.key !== activeView.key} data-view={view.key}>
                <h2 className="sidebar-title">{view.label}</h2>
                {mountedViews.has(view.key) || (sidebarShown && view.key === activeView.key) ? view.content : null}
              </div>
            ))}
          </aside>
        ) : null}
        {activeView ? (
          <Splitter
            label="Resize sidebar"
            controls="workbench-sidebar"
            orientation="vertical"
            size={sidebarWidth}
            min={SIDEBAR_MIN_WIDTH}
            max={sidebarMaxWidth(windowSize.width)}
            grows={1}
            collapsed={!sidebarShown}
            onSize={(width) => update((current) => ({ ...current, sidebarWidth: width }))}
            onToggleCollapsed={toggleSidebar}
          />
        ) : null}
        <main ref={setMain} className={`workbench-main panel-${layout.panelPosition}${layout.panelCollapsed ? ' panel-collapsed' : ''}`} style={mainStyle}>
          <section ref={editorRef} id="workbench-editor" className="editor-area" aria-label="Editor">
            {editor}
          </section>
          <Splitter
            label="Resize panel"
            controls="workbench-panel"
            orientation={below ? 'horizontal' : 'vertical'}
            size={panelPixels}
            min={Math.round(PANEL_MIN_SHARE * mainExtent)}
            max={Math.round(PANEL_MAX_SHARE * mainExtent)}
            grows={-1}
            collapsed={layout.panelCollapsed}
            onSize={setPanelPixels}
            onToggleCollapsed={togglePanel}
          />
          <section ref={panelRef} id="workbench-panel" className="panel-area" aria-label="Panel" hidden={layout.panelCollapsed}>
            {panel}
          </section>
        </main>
      </div>
    </PanelRevealContext.Provider>
  );
}
