/** Hosts whose links may open in the system browser; everything else is refused. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['developer.atlassian.com', 'community.developer.atlassian.com', 'support.atlassian.com', 'www.atlassian.com'];

/** Only https links to an allow-listed host leave the app, and only to the system browser. */
export function isAllowedExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && EXTERNAL_LINK_HOSTS.includes(parsed.hostname);
  } catch {
    return false;
  }
}
