import type ts from 'typescript';
import { type CalledName, placeOf, stringValue } from './ast-helpers';
import type { ScanContext } from './scan-context';
import type { ResolverKeyUse, SourcePlace } from './source-facts';

function usesResolver(context: ScanContext): boolean {
  return context.knowledge.createsResolver || context.knowledge.modules.has('@forge/resolver');
}

/** `resolver.define('getText', fn)` with a literal key, in a file that uses @forge/resolver. */
export function resolverDefinitionOf(call: ts.CallExpression, called: CalledName, context: ScanContext): ResolverKeyUse | null {
  if (called.name !== 'define' || called.receiver === null || !usesResolver(context)) return null;
  const key = stringValue(call.arguments[0]);
  return key === null ? null : { key, place: placeOf(context.sourceFile, context.file, call) };
}

/**
 * Keys defined in a way only running the code tells: `resolver.define(key, fn)` with a key that is no
 * literal (a loop over an object, an imported table) and `makeResolver({...})` of @forge/resolver 2.
 */
export function unreadResolverDefinitionOf(call: ts.CallExpression, called: CalledName, context: ScanContext): SourcePlace | null {
  if (!usesResolver(context)) return null;
  const unread =
    (called.name === 'define' && called.receiver !== null && call.arguments.length > 0 && stringValue(call.arguments[0]) === null) || (called.name === 'makeResolver' && call.arguments.length > 0);
  return unread ? placeOf(context.sourceFile, context.file, call) : null;
}

/** `invoke('getText', payload)` from @forge/bridge with a literal key: a frontend calling a resolver function. */
export function invokeOf(call: ts.CallExpression, called: CalledName, context: ScanContext): ResolverKeyUse | null {
  if (called.name !== 'invoke') return null;
  // `bridge.invoke(...)` counts only in files that use @forge/bridge; `invoke` is a common method name.
  if (called.receiver !== null && !context.knowledge.modules.has('@forge/bridge')) return null;
  const key = stringValue(call.arguments[0]);
  return key === null ? null : { key, place: placeOf(context.sourceFile, context.file, call) };
}
