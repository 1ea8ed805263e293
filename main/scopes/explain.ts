import type { ScopeExplanation } from '../../common/types';
import { isKnownScope, titleOf } from './scope-catalog';
import { describeScope } from './scope-descriptions';
import { scopeShape } from './scope-shape';
import { alternativesOf, operationCount } from './scope-usage';
import { suggestScopes } from './suggest';

const explained = new Map<string, ScopeExplanation>();

function copy(explanation: ScopeExplanation): ScopeExplanation {
  return { ...explanation, alternatives: [...explanation.alternatives], suggestions: [...explanation.suggestions] };
}

function unknownScope(scope: string, suggestions: string[]): string {
  const hint = suggestions[0] ? ` Did you mean ${suggestions[0]}?` : '';
  return `Forge does not accept the scope "${scope}", so forge lint and forge deploy reject the manifest.${hint}`;
}

/** Everything Anvil knows about one scope name, valid or not. */
export function explainScope(scope: string): ScopeExplanation {
  const known = explained.get(scope);
  if (known) return copy(known);
  const valid = isKnownScope(scope);
  const shape = scopeShape(scope);
  const suggestions = valid ? [] : suggestScopes(scope);
  const explanation: ScopeExplanation = {
    scope,
    valid,
    title: valid ? titleOf(scope) : null,
    description: valid ? describeScope(scope) : unknownScope(scope, suggestions),
    product: shape.product,
    kind: shape.kind,
    power: shape.power,
    alternatives: valid ? alternativesOf(scope) : [],
    operations: operationCount(scope),
    suggestions,
  };
  // Only valid names are kept: a bounded set, whereas typos are endless.
  if (valid) explained.set(scope, explanation);
  return copy(explanation);
}
