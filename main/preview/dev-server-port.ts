import { isOwnPort } from '../own-ports';

/**
 * Why the preview must not connect to a resource's `tunnel.port`, or null when it may. The
 * pass-through exists for the resource's own dev server only: a port Anvil itself listens on (its
 * web shell, web triggers, other previews) would let the page talk to Anvil through the preview.
 */
export function devServerPortProblem(port: number, resourceKey: string): string | null {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return `resources[].tunnel.port of resource "${resourceKey}" is ${port}, which is not a port. Set it in manifest.yml to the port the resource's dev server listens on (for example 3000).`;
  }
  if (isOwnPort(port)) {
    return `resources[].tunnel.port of resource "${resourceKey}" is ${port}, a port Anvil itself listens on (its web shell, a web trigger endpoint or a preview), not the resource's dev server, so the preview will not connect to it. Set resources[].tunnel.port in manifest.yml to the port the dev server prints when it starts, or remove the tunnel to preview the built files.`;
  }
  return null;
}
