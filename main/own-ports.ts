import type { Server } from 'node:net';

/**
 * The loopback ports this Anvil process listens on (web shell, web trigger endpoint, Custom UI
 * previews). Anything that connects somewhere on an app's behalf (the preview's pass-through to a
 * resource's dev server) checks here first, so an app can never point Anvil at Anvil.
 */
const ports = new Set<number>();

/**
 * Count a server's port as Anvil's own while it listens. Call it before `listen`; the port stays
 * registered until the server closes.
 */
export function trackOwnPort(server: Server): void {
  let port: number | null = null;
  server.on('listening', () => {
    const address = server.address();
    if (address !== null && typeof address === 'object') {
      port = address.port;
      ports.add(port);
    }
  });
  server.on('close', () => {
    if (port !== null) ports.delete(port);
    port = null;
  });
}

/** True when this process itself listens on `port`. */
export function isOwnPort(port: number): boolean {
  return ports.has(port);
}
