import { createHash } from 'node:crypto';

/** A site label: the first DNS label of a preview's host, `<site>.localhost`. */
export const SITE_LABEL = /^[0-9a-f]{16}$/;

/**
 * The label of the origin a resource of an app is served on. Each app and resource gets its own
 * origin (as each Custom UI app gets its own host on the platform), so one app's page can never
 * read another's localStorage, IndexedDB or cookies. Stable for a folder and resource key, so a
 * page keeps its storage across reloads and reopened previews.
 */
export function previewSite(appFolder: string, resourceKey: string): string {
  return createHash('sha256').update(`${appFolder}\0${resourceKey}`).digest('hex').slice(0, 16);
}
