import ts from 'typescript';
import { type CalledName, placeOf } from './ast-helpers';
import type { ScanContext } from './scan-context';
import type { ApiUse } from './source-facts';

// `storage` is a common name outside Forge too, so only the Forge storage methods count on it.
const STORAGE_METHODS = new Set(['get', 'set', 'delete', 'query', 'getSecret', 'setSecret', 'deleteSecret', 'entity', 'transact', 'batchSet', 'batchDelete', 'batchGet']);

/**
 * A use of app storage (needs `storage:app`), placed where `kvs.get` starts: any method on `kvs` (@forge/kvs),
 * Forge storage methods on `storage` (@forge/api).
 */
export function storageUseOf(call: ts.CallExpression, called: CalledName, context: ScanContext): ApiUse | null {
  if (called.receiver === null || !ts.isIdentifier(called.receiver)) return null;
  const owner = called.receiver.text;
  if (owner !== 'kvs' && !(owner === 'storage' && STORAGE_METHODS.has(called.name))) return null;
  return { api: `${owner}.${called.name}`, place: placeOf(context.sourceFile, context.file, call) };
}
