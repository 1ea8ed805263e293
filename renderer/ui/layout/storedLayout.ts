/**
 * The workbench's arrangement as it is remembered between reloads: the sidebar's width and view, the
 * panel's size and place, and what is collapsed. What is read back is never trusted: anything that is
 * not the right shape falls back to the default, and sizes are clamped so the window never overflows.
 */

export type PanelPosition = 'right' | 'below';

export interface StoredLayout {
  /** The sidebar view last shown; null: the first one. */
  sidebarView: string | null;
  sidebarCollapsed: boolean;
  /** The sidebar's width in CSS pixels. */
  sidebarWidth: number;
  panelPosition: PanelPosition;
  /** The panel's share of the editor area, per position (0.15–0.85), so moving it keeps each size. */
  panelShare: Record<PanelPosition, number>;
  panelCollapsed: boolean;
}

export const LAYOUT_STORAGE_KEY = 'anvil.layout.v1';

export const SIDEBAR_MIN_WIDTH = 160;
export const SIDEBAR_MAX_WIDTH = 560;
/** At most this share of the window goes to the sidebar, so the editor and panel keep room. */
export const SIDEBAR_MAX_SHARE = 0.4;
export const PANEL_MIN_SHARE = 0.15;
export const PANEL_MAX_SHARE = 0.85;

export const DEFAULT_LAYOUT: StoredLayout = {
  sidebarView: null,
  sidebarCollapsed: false,
  sidebarWidth: 240,
  panelPosition: 'right',
  panelShare: { right: 0.45, below: 0.4 },
  panelCollapsed: false,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/** Reads what was stored; any field that is missing or of the wrong kind takes its default. */
export function parseStoredLayout(raw: string | null): StoredLayout {
  if (raw === null) return DEFAULT_LAYOUT;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (!isRecord(value)) return DEFAULT_LAYOUT;
  const share = isRecord(value.panelShare) ? value.panelShare : {};
  return {
    sidebarView: typeof value.sidebarView === 'string' && value.sidebarView.length <= 64 ? value.sidebarView : DEFAULT_LAYOUT.sidebarView,
    sidebarCollapsed: typeof value.sidebarCollapsed === 'boolean' ? value.sidebarCollapsed : DEFAULT_LAYOUT.sidebarCollapsed,
    sidebarWidth: clamp(finite(value.sidebarWidth, DEFAULT_LAYOUT.sidebarWidth), SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH),
    panelPosition: value.panelPosition === 'below' || value.panelPosition === 'right' ? value.panelPosition : DEFAULT_LAYOUT.panelPosition,
    panelShare: {
      right: clampPanelShare(finite(share.right, DEFAULT_LAYOUT.panelShare.right)),
      below: clampPanelShare(finite(share.below, DEFAULT_LAYOUT.panelShare.below)),
    },
    panelCollapsed: typeof value.panelCollapsed === 'boolean' ? value.panelCollapsed : DEFAULT_LAYOUT.panelCollapsed,
  };
}

export function clampPanelShare(share: number): number {
  return clamp(share, PANEL_MIN_SHARE, PANEL_MAX_SHARE);
}

/** The widest the sidebar may be in a window this wide. */
export function sidebarMaxWidth(windowWidth: number): number {
  return clamp(Math.floor(windowWidth * SIDEBAR_MAX_SHARE), SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH);
}

/** The sidebar width to draw in a window this wide: what was stored, shrunk when the window is narrow. */
export function clampSidebarWidth(width: number, windowWidth: number): number {
  return clamp(Math.round(width), SIDEBAR_MIN_WIDTH, sidebarMaxWidth(windowWidth));
}

/** Keeps the open view only when it still exists (a view can go away between versions). */
export function withKnownView(layout: StoredLayout, viewKeys: readonly string[]): StoredLayout {
  if (layout.sidebarView === null || viewKeys.includes(layout.sidebarView)) return layout;
  return { ...layout, sidebarView: null };
}

export function readStoredLayout(storage: Pick<Storage, 'getItem'> | undefined): StoredLayout {
  try {
    return parseStoredLayout(storage?.getItem(LAYOUT_STORAGE_KEY) ?? null);
  } catch {
    // Storage can be refused (privacy settings); the defaults still give a working workbench.
    return DEFAULT_LAYOUT;
  }
}

export function writeStoredLayout(storage: Pick<Storage, 'setItem'> | undefined, layout: StoredLayout): void {
  try {
    storage?.setItem(LAYOUT_STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // Not remembered this time; the layout on screen is still right.
  }
}
