/** The workbench's own origin in the desktop shell: anvil://workbench/, never file://. */
export const APP_SCHEME = 'anvil';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Whether a URL is a page of the workbench itself (the only frames IPC is accepted from). */
export function isWorkbenchUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    // No user info either: `anvil://user@workbench/` is not a URL the workbench ever loads.
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
