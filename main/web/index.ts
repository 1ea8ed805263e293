export { startWebShell, type WebShell, type WebShellOptions } from './web-shell';
export { LOOPBACK_HOST } from './access';
