import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';

/**
 * App storage (KVS) of one environment and installation: installations never see each other's data.
 * Kept as a JSON file per installation under the app's data folder.
 */
export class KvsStore {
  private data: Map<string, unknown> | null = null;

  constructor(private readonly file: string | null) {}

  async handle(requestPath: string, bodyText: string | null): Promise<{ response: GatewayResponse; record: CallRecord }> {
    const data = await this.load();
    const body = JSON.parse(bodyText || '{}') as { key?: string; value?: unknown; where?: { condition: string; value: string }[]; limit?: number };
    const operation = requestPath.replace(/^\/api\/v1\//, '');
    const record = (allowed: boolean, reason: string): CallRecord => ({ kind: 'storage', target: `${operation} ${body.key ?? ''}`.trim(), method: 'POST', allowed, reason });
    switch (operation) {
      case 'get':
      case 'secret/get': {
        const key = this.keyOf(operation, body.key);
        if (!data.has(key)) return { response: jsonResponse(404, { code: 'KEY_NOT_FOUND', message: `No value for ${body.key}` }), record: record(true, 'not found') };
        return { response: jsonResponse(200, { key: body.key, value: data.get(key) }), record: record(true, 'read') };
      }
      case 'set':
      case 'secret/set':
        data.set(this.keyOf(operation, body.key), body.value);
        await this.save();
        return { response: { status: 200, headers: {}, body: '' }, record: record(true, 'written') };
      case 'delete':
      case 'secret/delete':
        data.delete(this.keyOf(operation, body.key));
        await this.save();
        return { response: { status: 204, headers: {}, body: '' }, record: record(true, 'deleted') };
      case 'query': {
        const prefix = body.where?.find((condition) => condition.condition === 'STARTS_WITH')?.value ?? '';
        const results = [...data.entries()].filter(([key]) => !key.startsWith('secret:') && key.startsWith(prefix)).slice(0, body.limit ?? 20);
        return { response: jsonResponse(200, { data: results.map(([key, value]) => ({ key, value })) }), record: record(true, `query (${results.length})`) };
      }
      default:
        return {
          response: jsonResponse(501, { code: 'UNSUPPORTED', message: `Anvil does not run the storage operation ${operation} locally yet` }),
          record: record(false, `storage operation ${operation} is not available locally`),
        };
    }
  }

  /** Everything stored, for the Runner pane's storage browser (secrets shown by key only). */
  async entries(): Promise<{ key: string; value: unknown; secret: boolean }[]> {
    return [...(await this.load()).entries()].map(([key, value]) => (key.startsWith('secret:') ? { key: key.slice(7), value: null, secret: true } : { key, value, secret: false }));
  }

  private keyOf(operation: string, key: string | undefined): string {
    return operation.startsWith('secret/') ? `secret:${key ?? ''}` : (key ?? '');
  }

  private async load(): Promise<Map<string, unknown>> {
    if (this.data) return this.data;
    const text = this.file ? await readFile(this.file, 'utf8').catch(() => null) : null;
    this.data = new Map(text ? (Object.entries(JSON.parse(text) as Record<string, unknown>)) : []);
    return this.data;
  }

  private async save(): Promise<void> {
    if (!this.file || !this.data) return;
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFile(`${this.file}.tmp`, JSON.stringify(Object.fromEntries(this.data)), { mode: 0o600 });
    await rename(`${this.file}.tmp`, this.file);
  }
}
