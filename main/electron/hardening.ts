import { app, session, shell, type WebContents } from 'electron';
import { isWorkbenchUrl } from './app-protocol';
import { isAllowedExternalLink } from './external-links';

/**
 * Session- and app-wide rules from the Electron security checklist: no permissions, no navigation
 * away from the workbench, no new windows, no webviews. Allowed external links go to the system browser.
 */
export function hardenApp(log: (line: string) => void): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`desktop shell: denied permission request "${permission}"`);
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (isWorkbenchUrl(url)) return;
      event.preventDefault();
      openExternally(url, log);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isWorkbenchUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('desktop shell: refused to attach a webview');
    });
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url, log);
      return { action: 'deny' };
    });
  });
}

function openExternally(url: string, log: (line: string) => void): void {
  if (isAllowedExternalLink(url)) {
    // electronegativity-justified: OPEN_EXTERNAL_JS_CHECK — the url passed isAllowedExternalLink() just above:
    // https only, no credentials, an allow-listed Atlassian documentation host (external-links.test.ts).
    void shell.openExternal(url);
  } else {
    log(`desktop shell: refused to open ${url.slice(0, 200)}`);
  }
}
