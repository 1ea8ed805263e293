import type { Operation, ScopeRequirement } from './types';

/** The scopes an operation needs: its classic set, or instead its granular set. */
export function requirementOf(operation: Operation): ScopeRequirement {
  return { classic: [...operation.classic], granular: [...operation.granular] };
}

/**
 * The scopes still to add to the manifest for a requirement, as `forge lint` counts them: none when
 * every classic scope or every granular scope is declared, otherwise the missing classic ones (the
 * set Atlassian recommends), or the missing granular ones when there is no classic set.
 */
export function missingScopes(declared: ReadonlySet<string>, requirement: ScopeRequirement): string[] {
  const missingClassic = requirement.classic.filter((scope) => !declared.has(scope));
  const missingGranular = requirement.granular.filter((scope) => !declared.has(scope));
  if (requirement.classic.length > 0 && missingClassic.length === 0) return [];
  if (requirement.granular.length > 0 && missingGranular.length === 0) return [];
  return requirement.classic.length > 0 ? missingClassic : missingGranular;
}
