import type ts from 'typescript';
import { type CalledName, placeOf, stringValue } from './ast-helpers';
import type { ScanContext } from './scan-context';
import type { ResolverKeyUse } from './source-facts';

/** `resolver.define('getText', fn)` with a literal key, in a file that uses @forge/resolver. */
export function resolverDefinitionOf(call: ts.CallExpression, called: CalledName, context: ScanContext): ResolverKeyUse | null {
  if (called.name !== 'define' || called.receiver === null) return null;
  const { modules, createsResolver } = context.knowledge;
  if (!createsResolver && !modules.has('@forge/resolver')) return null;
  const key = stringValue(call.arguments[0]);
  return key === null ? null : { key, place: placeOf(context.sourceFile, context.file, call) };
}

/** `invoke('getText', payload)` from @forge/bridge with a literal key: a frontend calling a resolver function. */
export function invokeOf(call: ts.CallExpression, called: CalledName, context: ScanContext): ResolverKeyUse | null {
  if (called.name !== 'invoke') return null;
  // `bridge.invoke(...)` counts only in files that use @forge/bridge; `invoke` is a common method name.
  if (called.receiver !== null && !context.knowledge.modules.has('@forge/bridge')) return null;
  const key = stringValue(call.arguments[0]);
  return key === null ? null : { key, place: placeOf(context.sourceFile, context.file, call) };
}
