import type { AnvilBridge } from '../../common/api';

/** What the workbench remembers of the page's own choices: the read and write side of browser storage. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const remembered = new Map<string, string>();
let core: AnvilBridge | null = null;

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Read the preferences the core keeps before the workbench draws, so the theme and the layout are the
 * developer's from the first frame. The web shell's page has a new origin with each port, so its browser
 * storage alone would forget them at every restart; without the core's answer, browser storage is used.
 */
export async function loadPreferences(bridge: AnvilBridge): Promise<void> {
  core = bridge;
  try {
    const stored = await bridge.getPreferences();
    for (const [key, value] of Object.entries(stored)) if (typeof value === 'string') remembered.set(key, value);
  } catch {
    // An older or unreachable core: browser storage still remembers them for this origin.
  }
}

/**
 * Storage for the page's choices: kept by the core (so they last in both shells) and in the browser.
 * A write the core refuses is still kept for this page; the choice on screen stays the one made.
 */
export const preferenceStorage: PreferenceStorage = {
  getItem(key) {
    return remembered.get(key) ?? browserStorage()?.getItem(key) ?? null;
  },
  setItem(key, value) {
    remembered.set(key, value);
    try {
      browserStorage()?.setItem(key, value);
    } catch {
      // A full or blocked browser storage: the core still keeps it.
    }
    void core?.setPreference({ key, value }).catch(() => undefined);
  },
  removeItem(key) {
    remembered.delete(key);
    browserStorage()?.removeItem(key);
    void core?.setPreference({ key, value: null }).catch(() => undefined);
  },
};
