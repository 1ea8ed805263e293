import type { Diagnostic, ScopeRow } from '../../common/types';
import { appendToSequence, declaredScopes, manifestDiagnostic, removeEntry, type ParsedManifest } from '../manifest';
import { explainScope, missingScopes } from '../scopes';
import { listKeyRange } from './finding-anchor';
import type { ScopeNeed, UnreadableCall } from './scope-needs';

// Scopes whose use no code scan can see: user identity for consent, tokens, personal-data reporting.
const UNDETECTABLE = /^(read:me|read:account|report:personal-data|read:app-system-token|read:app-user-token)$|:connect-/;

export interface ScopeFindings {
  declared: string[];
  required: string[];
  missing: string[];
  unused: string[];
  rows: ScopeRow[];
  diagnostics: Diagnostic[];
}

/** Missing scopes (with a fix that adds them) and unused ones (with a fix that removes them). */
export function scopeFindings(parsed: ParsedManifest, needs: readonly ScopeNeed[], unreadable: readonly UnreadableCall[], sourcesFound: boolean): ScopeFindings {
  const entries = declaredScopes(parsed.value);
  const declared = new Set(entries.map((entry) => entry.scope));
  const usedAt = new Map<string, ScopeNeed['location'][]>();
  const missingAt = new Map<string, ScopeNeed['location'][]>();
  const note = (map: Map<string, ScopeNeed['location'][]>, scope: string, location: ScopeNeed['location']) => map.set(scope, [...(map.get(scope) ?? []), location]);

  for (const need of needs) {
    const { classic, granular } = need.requirement;
    const missing = missingScopes(declared, need.requirement);
    if (missing.length > 0) {
      for (const scope of missing) note(missingAt, scope, need.location);
      for (const scope of (classic.length > 0 ? classic : granular).filter((scope) => declared.has(scope))) note(usedAt, scope, need.location);
      continue;
    }
    const satisfiedBy = classic.length > 0 && classic.every((scope) => declared.has(scope)) ? classic : granular;
    for (const scope of satisfiedBy) note(usedAt, scope, need.location);
  }

  const diagnostics: Diagnostic[] = [];
  const scopesKey = listKeyRange(parsed, ['permissions', 'scopes']);
  for (const [scope, locations] of missingAt) {
    const first = locations[0]!;
    const more = locations.length > 1 ? ` and ${locations.length - 1} more place${locations.length > 2 ? 's' : ''}` : '';
    const diagnostic = manifestDiagnostic(
      'error',
      'scope-missing',
      `"${scope}" is needed by ${first.file}:${first.line} (${first.reason})${more}, but permissions.scopes does not declare it. The call will be refused.`,
      scopesKey,
    );
    diagnostic.fixes.push({ title: `Add scope ${scope}`, edits: [appendToSequence(parsed, ['permissions', 'scopes'], { block: scope, flow: scope })] });
    diagnostics.push(diagnostic);
  }

  const unused: string[] = [];
  for (const entry of entries) {
    if (usedAt.has(entry.scope) || UNDETECTABLE.test(entry.scope) || !explainScope(entry.scope).valid) continue;
    unused.push(entry.scope);
    // Without any source to read, "unused" would be a guess; the report says why instead.
    if (!sourcesFound) continue;
    const product = explainScope(entry.scope).product;
    const unsure = unreadable.find((call) => product.startsWith(call.product));
    const diagnostic = manifestDiagnostic(
      unsure ? 'info' : 'warning',
      'scope-unused',
      unsure
        ? `"${entry.scope}" is not needed by any call Anvil could read; ${unsure.location.file}:${unsure.location.line} makes a call it cannot read, which may need it.`
        : `"${entry.scope}" is not needed by any code found. Remove it: admins approve every scope, and fewer scopes mean fewer re-approvals.`,
      parsed.rangeOf(parsed.nodeAt(entry.path)),
    );
    // A maybe (a call Anvil cannot read may need it) gets no one-click removal.
    const edit = unsure ? null : removeEntry(parsed, entry.path);
    if (edit) diagnostic.fixes.push({ title: `Remove scope ${entry.scope}`, edits: [edit] });
    diagnostics.push(diagnostic);
  }

  const required = [...new Set([...usedAt.keys(), ...missingAt.keys()])].sort();
  const rows: ScopeRow[] = [
    ...entries.map((entry): ScopeRow => ({
      explanation: explainScope(entry.scope),
      declared: true,
      status: usedAt.has(entry.scope) ? 'used' : 'unused',
      usedAt: usedAt.get(entry.scope) ?? [],
    })),
    ...[...missingAt.entries()].map(([scope, locations]): ScopeRow => ({ explanation: explainScope(scope), declared: false, status: 'missing', usedAt: locations })),
  ];
  return { declared: entries.map((entry) => entry.scope), required, missing: [...missingAt.keys()].sort(), unused, rows, diagnostics };
}
