import path from 'node:path';

/**
 * Where app code believes its bundle lies: the folder of a Lambda task, never the machine's path to
 * the bundle (SECURITY.md: an app must not learn where the app or Anvil is on the developer's
 * machine). The bundle's script is compiled under this name, so it is what `__filename`, `__dirname`
 * and every frame of the app's own stacks show; the host maps frames with this name back to the app.
 */
export const APP_SCRIPT_FOLDER = '/var/task';

/** The name app code sees for the bundle at bundlePath: its file name inside APP_SCRIPT_FOLDER. */
export function appScriptName(bundlePath: string): string {
  return `${APP_SCRIPT_FOLDER}/${path.basename(bundlePath)}`;
}

/** Scripts of the sandbox's own glue (context-bootstrap.ts): named without any path. */
export const SANDBOX_SCRIPT_PREFIX = 'anvil:sandbox-';
