import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYOUT,
  LAYOUT_STORAGE_KEY,
  PANEL_MAX_SHARE,
  PANEL_MIN_SHARE,
  SIDEBAR_MIN_WIDTH,
  clampSidebarWidth,
  parseStoredLayout,
  readStoredLayout,
  withKnownView,
  writeStoredLayout,
} from './storedLayout';

describe('the remembered layout', () => {
  it('comes back as it was stored', () => {
    const layout = { sidebarView: 'explorer', sidebarCollapsed: true, sidebarWidth: 300, panelPosition: 'below' as const, panelShare: { right: 0.3, below: 0.6 }, panelCollapsed: true };
    const memory = new Map<string, string>();
    const storage = { getItem: (key: string) => memory.get(key) ?? null, setItem: (key: string, value: string) => void memory.set(key, value) };
    writeStoredLayout(storage, layout);
    expect(memory.has(LAYOUT_STORAGE_KEY)).toBe(true);
    expect(readStoredLayout(storage)).toEqual(layout);
  });

  it('falls back to the defaults for nothing stored, text that is not JSON, and JSON that is not a layout', () => {
    for (const raw of [null, '', '{', 'null', '42', '"right"', '[]']) expect(parseStoredLayout(raw)).toEqual(DEFAULT_LAYOUT);
  });

  it('replaces each field of the wrong kind by its default and keeps the others', () => {
    const parsed = parseStoredLayout(
      JSON.stringify({ sidebarView: 7, sidebarCollapsed: 'yes', sidebarWidth: 'wide', panelPosition: 'left', panelShare: { right: Number.NaN, below: 0.5 }, panelCollapsed: true }),
    );
    expect(parsed).toEqual({ ...DEFAULT_LAYOUT, panelShare: { right: DEFAULT_LAYOUT.panelShare.right, below: 0.5 }, panelCollapsed: true });
  });

  it('clamps sizes that would hide a pane or push the page wider than the window', () => {
    const parsed = parseStoredLayout(JSON.stringify({ sidebarWidth: 99999, panelShare: { right: 5, below: -1 } }));
    expect(parsed.panelShare).toEqual({ right: PANEL_MAX_SHARE, below: PANEL_MIN_SHARE });
    expect(parseStoredLayout(JSON.stringify({ sidebarWidth: 3 })).sidebarWidth).toBe(SIDEBAR_MIN_WIDTH);
    // At 1024 pixels the sidebar leaves most of the window to the editor and the panel.
    expect(clampSidebarWidth(parsed.sidebarWidth, 1024)).toBeLessThanOrEqual(1024 * 0.4);
    expect(clampSidebarWidth(parsed.sidebarWidth, 1440)).toBeGreaterThan(clampSidebarWidth(parsed.sidebarWidth, 1024));
    // A window narrower than the minimum still gets a usable sidebar rather than a negative one.
    expect(clampSidebarWidth(240, 200)).toBe(SIDEBAR_MIN_WIDTH);
  });

  it('forgets a sidebar view that no longer exists, so the first one shows instead', () => {
    const layout = { ...DEFAULT_LAYOUT, sidebarView: 'gone' };
    expect(withKnownView(layout, ['explorer', 'search']).sidebarView).toBeNull();
    expect(withKnownView({ ...layout, sidebarView: 'search' }, ['explorer', 'search']).sidebarView).toBe('search');
  });

  it('still gives a layout when the storage refuses to be read or written', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readStoredLayout(refusing)).toEqual(DEFAULT_LAYOUT);
    expect(() => writeStoredLayout(refusing, DEFAULT_LAYOUT)).not.toThrow();
  });
});
