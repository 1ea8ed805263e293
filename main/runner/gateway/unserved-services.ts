import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { packageOf } from '../host/package-identity';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';

/** Platform services a Forge package calls (the `type` of its `__forge_fetch__` request) that the local runner does not serve yet. */
const SERVICES: Readonly<Record<string, { title: string; packageName: string }>> = {
  sql: { title: 'Forge SQL', packageName: '@forge/sql' },
  llm: { title: 'Forge LLMs', packageName: '@forge/llm' },
  realtime: { title: 'Forge Realtime', packageName: '@forge/realtime' },
};

/**
 * The answer to a call to a platform service Anvil does not run locally, naming the package (and
 * the version installed in the app), that the service is not served here, and the way out; null
 * for any other call. Before, such a call went on as if it were a product call.
 */
export function unservedServiceCall(appFolder: string, type: unknown, method: string, url: string): { response: GatewayResponse; record: CallRecord } | null {
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(SERVICES, type)) return null;
  const service = SERVICES[type]!;
  let label = service.packageName;
  try {
    const root = realpathSync(appFolder);
    const folder = path.join(root, 'node_modules', ...service.packageName.split('/'));
    // Called without the package (by hand, or bundled from elsewhere): its name is all there is to say.
    if (existsSync(path.join(folder, 'package.json'))) label = packageOf(root, path.join(folder, 'index.js')).label;
  } catch {
    // The app folder went away mid-run: the package's name is enough.
  }
  const message =
    `${label} calls ${service.title}, which Anvil's local runner does not serve yet: the call never left your machine. ` +
    `Way out: try it on a development environment of the platform (forge deploy, then forge tunnel), or mock ${service.packageName} in tests.`;
  return {
    response: jsonResponse(501, { code: 'NOT_AVAILABLE_LOCALLY', message }),
    record: { kind: 'product', target: `${service.title} ${url.split('?')[0]}`, method, allowed: false, reason: message },
  };
}
