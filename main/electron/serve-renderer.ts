import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { contentTypeOf, workbenchContentSecurityPolicy } from '../csp';
import { APP_HOST, APP_SCHEME } from './app-protocol';

/** Must run before the app is ready: the scheme behaves like https (secure, standard, workers allowed). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** Serve the built renderer under anvil://workbench/ with the workbench CSP (IPC only: no network). */
export function serveRenderer(rendererDir: string, previewOrigin: () => string | null): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const preview = previewOrigin();
    const policy = workbenchContentSecurityPolicy([], preview ? [preview] : []);
    const url = new URL(request.url);
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(rendererDir, relative);
    if (url.host !== APP_HOST || !file.startsWith(rendererDir + path.sep)) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': contentTypeOf(file),
          // electronegativity-justified: CSP_GLOBAL_CHECK — the CSP is this response header on every renderer file;
          // the scanner only recognises a CSP in an HTML <meta> tag or in webRequest responseHeaders.
          'Content-Security-Policy': policy,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
