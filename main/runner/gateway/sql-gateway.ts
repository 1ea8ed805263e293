import { modulesOf } from '../../manifest';
import type { ForgeSql, SqlTenant } from '../../sql';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';

/**
 * A @forge/sql request from app code (`__forge_fetch__` of type `sql`): run by the host on the
 * installation's own database, answered as the platform answers. Only an app that declares the
 * `sql` module has Forge SQL, as on the platform.
 */
export async function forgeSqlCall(
  sql: ForgeSql,
  manifest: unknown,
  tenant: SqlTenant,
  request: { method: string; url: string; body: string | null },
): Promise<{ response: GatewayResponse; record: CallRecord }> {
  const route = request.url.split('?')[0] ?? '';
  const target = `Forge SQL ${route}`;
  const method = request.method.toUpperCase();
  if (!modulesOf(manifest).some((module) => module.type === 'sql')) {
    const message = 'Forge SQL is not enabled for this app: declare it in manifest.yml (modules: sql: - key: main, engine: mysql). Adding it to an installed app is a major version.';
    return { response: jsonResponse(403, { code: 'APP_NOT_ENABLED', message }), record: { kind: 'storage', target, method, allowed: false, reason: message } };
  }
  const answer = await sql.execute({ ...tenant, path: request.url, method: request.method, body: request.body });
  const code = answer.status >= 400 ? String((answer.body as { code?: unknown }).code ?? '') : '';
  // A statement the engine rejected did run; a limit or a missing engine stopped it before.
  const ran = answer.status < 400 || code === 'SQL_EXECUTION_ERROR' || code === 'QUERY_TIMED_OUT';
  return { response: jsonResponse(answer.status, answer.body), record: { kind: 'storage', target, method, allowed: ran, reason: answer.note } };
}
