import type { AnalysisReport, Diagnostic } from '../../common/types';
import type { SourceFacts } from './source-facts';

/** Resolver keys the frontend invokes that no resolver defines (a runtime error), and the reverse. */
export function resolverFindings(facts: readonly SourceFacts[]): { resolvers: AnalysisReport['resolvers']; diagnostics: Diagnostic[] } {
  const definitions = facts.flatMap((file) => file.resolverDefinitions);
  const invokes = facts.flatMap((file) => file.invokes);
  const defined = new Set(definitions.map((definition) => definition.key));
  const invoked = new Set(invokes.map((use) => use.key));
  const diagnostics: Diagnostic[] = [];
  for (const use of invokes) {
    if (defined.has(use.key)) continue;
    diagnostics.push({
      // With no definitions found at all, the resolver may be written in a way the scan cannot read.
      severity: defined.size > 0 ? 'error' : 'warning',
      code: 'resolver-undefined',
      message: `invoke('${use.key}') calls a resolver key that no resolver.define() defines${defined.size > 0 ? ` (defined: ${[...defined].join(', ')})` : ''}. The call will fail.`,
      file: use.place.file,
      line: use.place.line,
      column: use.place.column,
      endLine: use.place.line,
      endColumn: use.place.column + 1,
      fixes: [],
    });
  }
  // Unused definitions are only worth saying when the app's frontend code was found at all.
  if (invokes.length > 0) {
    for (const definition of definitions) {
      if (invoked.has(definition.key)) continue;
      diagnostics.push({
        severity: 'warning',
        code: 'resolver-unused',
        message: `resolver.define('${definition.key}') is never invoked by the frontend code found; remove it or call it.`,
        file: definition.place.file,
        line: definition.place.line,
        column: definition.place.column,
        endLine: definition.place.line,
        endColumn: definition.place.column + 1,
        fixes: [],
      });
    }
  }
  return {
    resolvers: {
      defined: [...defined].sort(),
      invoked: [...invoked].sort(),
      invokedButUndefined: [...invoked].filter((key) => !defined.has(key)).sort(),
      definedButNotInvoked: invokes.length > 0 ? [...defined].filter((key) => !invoked.has(key)).sort() : [],
    },
    diagnostics,
  };
}
