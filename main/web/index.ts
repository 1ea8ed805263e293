export { startWebShell, type WebShell, type WebShellOptions } from './web-shell';
export { devRendererOriginOf, LOOPBACK_HOST } from './access';
