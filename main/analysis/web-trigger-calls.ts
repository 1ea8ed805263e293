import ts from 'typescript';
import { type CalledName, placeOf } from './ast-helpers';
import type { ScanContext } from './scan-context';
import type { ApiUse } from './source-facts';

/** A call on @forge/api's `webTrigger` (`getUrl`, `deleteUrl`, `queryUrls`), placed where `webTrigger.getUrl` starts. */
export function webTriggerUseOf(call: ts.CallExpression, called: CalledName, context: ScanContext): ApiUse | null {
  if (called.receiver === null || !ts.isIdentifier(called.receiver) || called.receiver.text !== 'webTrigger') return null;
  return { api: `webTrigger.${called.name}`, place: placeOf(context.sourceFile, context.file, call) };
}
