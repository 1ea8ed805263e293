import { allOperations } from './endpoint-table';
import { isGranularName } from './scope-shape';

const MAX_ALTERNATIVES = 12;

interface Usage {
  operations: Map<string, number>;
  /** Scope → scopes of the other kind offered for the same operations, with their weight. */
  partners: Map<string, Map<string, number>>;
}

let cached: Usage | null = null;

function addPartner(partners: Map<string, Map<string, number>>, scope: string, partner: string, weight: number): void {
  let weights = partners.get(scope);
  if (!weights) partners.set(scope, (weights = new Map()));
  weights.set(partner, (weights.get(partner) ?? 0) + weight);
}

function usage(): Usage {
  if (cached) return cached;
  const operations = new Map<string, number>();
  const partners = new Map<string, Map<string, number>>();
  for (const operation of allOperations()) {
    for (const scope of new Set([...operation.classic, ...operation.granular])) operations.set(scope, (operations.get(scope) ?? 0) + 1);
    // Classic ↔ granular pairs are read off operations that list both sets. Each operation gives one
    // vote, shared among the scopes of the other set: the sole granular equivalent of an operation
    // (read:status:jira) weighs more than one of nine scopes that merely come along (read:avatar:jira).
    const classic = operation.classic.filter((scope) => !isGranularName(scope));
    const granular = operation.granular.filter(isGranularName);
    for (const classicScope of classic) {
      for (const granularScope of granular) {
        addPartner(partners, classicScope, granularScope, 1 / granular.length);
        addPartner(partners, granularScope, classicScope, 1 / classic.length);
      }
    }
  }
  cached = { operations, partners };
  return cached;
}

/** How many REST operations in the bundled specs accept this scope. */
export function operationCount(scope: string): number {
  return usage().operations.get(scope) ?? 0;
}

/**
 * Scopes of the other kind that the specs offer for the same operations: for a classic scope its
 * granular equivalents, for a granular scope the classic ones. Strongest first.
 */
export function alternativesOf(scope: string): string[] {
  const weights = usage().partners.get(scope);
  if (!weights) return [];
  return [...weights]
    .sort(([a, weightA], [b, weightB]) => weightB - weightA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_ALTERNATIVES)
    .map(([partner]) => partner);
}
