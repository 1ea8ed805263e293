import type { AnalysisReport, Diagnostic } from '../../common/types';
import type { SourceFacts, SourcePlace } from './source-facts';

/** What the manifest says about resolvers, and what running them taught Anvil. */
export interface ResolverSetting {
  /**
   * Functions (with a handler) that some module names as its `resolver.function`; null when the
   * manifest was not read or a module sends its resolver calls to a remote endpoint.
   */
  resolverFunctions: readonly string[] | null;
  /** The keys each of those functions defines, learnt by running it; null when Anvil has not learnt them (yet). */
  learned: ReadonlyMap<string, readonly string[]> | null;
}

const NO_SETTING: ResolverSetting = { resolverFunctions: null, learned: null };

function diagnostic(severity: Diagnostic['severity'], code: string, message: string, place: SourcePlace): Diagnostic {
  return { severity, code, message, file: place.file, line: place.line, column: place.column, endLine: place.line, endColumn: place.column + 1, fixes: [] };
}

/**
 * Resolver keys the frontend invokes that no resolver defines (a runtime error), keys no module's
 * resolver function reaches (the platform and Anvil's runner refuse them), and the reverse.
 */
export function resolverFindings(facts: readonly SourceFacts[], setting: ResolverSetting = NO_SETTING): { resolvers: AnalysisReport['resolvers']; diagnostics: Diagnostic[] } {
  const definitions = facts.flatMap((file) => file.resolverDefinitions);
  const unread = facts.flatMap((file) => file.unreadResolverDefinitions);
  const invokes = facts.flatMap((file) => file.invokes);
  const learnedKeys = setting.learned ? new Set([...setting.learned.values()].flat()) : null;
  const inSource = new Set(definitions.map((definition) => definition.key));
  const defined = new Set([...inSource, ...(learnedKeys ?? [])]);
  const invoked = new Set(invokes.map((use) => use.key));
  const diagnostics: Diagnostic[] = [];
  for (const use of invokes) {
    const refusal = unreachedMessage(use.key, setting, learnedKeys, inSource);
    if (refusal) {
      diagnostics.push(diagnostic('warning', 'resolver-not-reached', refusal, use.place));
      continue;
    }
    if (defined.has(use.key)) continue;
    if (unread.length > 0 && learnedKeys === null) {
      // Keys registered in a loop or from an imported object: only running the resolver tells them.
      const where = unread[0]!;
      diagnostics.push(
        diagnostic(
          'info',
          'resolver-learned-at-run-time',
          `invoke('${use.key}'): no resolver.define('${use.key}') names this key in the source, but the resolver defines keys the source does not spell out (${where.file}:${where.line}). Anvil learns them when it runs the resolver: the Runner pane lists the keys it defines.`,
          use.place,
        ),
      );
      continue;
    }
    // With no definitions found at all, the resolver may be written in a way the scan cannot read.
    diagnostics.push(
      diagnostic(
        defined.size > 0 ? 'error' : 'warning',
        'resolver-undefined',
        `invoke('${use.key}') calls a resolver key that no resolver.define() defines${defined.size > 0 ? ` (defined: ${[...defined].join(', ')})` : ''}. The call will fail.`,
        use.place,
      ),
    );
  }
  // Unused definitions are only worth saying when the app's frontend code was found at all.
  if (invokes.length > 0) {
    for (const definition of definitions) {
      if (invoked.has(definition.key)) continue;
      diagnostics.push(diagnostic('warning', 'resolver-unused', `resolver.define('${definition.key}') is never invoked by the frontend code found; remove it or call it.`, definition.place));
    }
  }
  return {
    resolvers: {
      defined: [...defined].sort(),
      invoked: [...invoked].sort(),
      // A key the resolver may define in a way only running it tells is not called undefined.
      invokedButUndefined: [...invoked].filter((key) => !defined.has(key) && (unread.length === 0 || learnedKeys !== null)).sort(),
      definedButNotInvoked: invokes.length > 0 ? [...defined].filter((key) => !invoked.has(key)).sort() : [],
    },
    diagnostics,
  };
}

/**
 * Why the runner (and the platform) would refuse an invoked key although the app defines it, or null:
 * no module names a resolver function at all, or (once learnt) none of the modules' resolver
 * functions defines the key.
 */
function unreachedMessage(key: string, setting: ResolverSetting, learnedKeys: ReadonlySet<string> | null, inSource: ReadonlySet<string>): string | null {
  if (setting.resolverFunctions !== null && setting.resolverFunctions.length === 0) {
    return `invoke('${key}') reaches no resolver: no module in manifest.yml names a resolver function (resolver: function: <key>), so the call fails and Anvil's runner refuses the key.`;
  }
  // A key defined nowhere at all is the plainer mistake (resolver-undefined) and is said as such.
  if (learnedKeys === null || learnedKeys.has(key) || !inSource.has(key) || !setting.learned) return null;
  const what = [...setting.learned].map(([functionKey, keys]) => `"${functionKey}" defines ${keys.length > 0 ? keys.join(', ') : 'no keys'}`).join('; ');
  return `invoke('${key}') calls a key that no module's resolver function defines (${what}): the source defines it in code none of them loads. The call will fail, and Anvil's runner refuses the key.`;
}
