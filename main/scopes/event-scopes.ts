import { fields, list, optional, required, string } from '../contract';
import { readForgeManifestJson } from './forge-manifest-data';
import { isGranularName } from './scope-shape';
import type { ScopeRequirement } from './types';

const ANY_LENGTH = Number.POSITIVE_INFINITY;
const scopeList = list(string(), ANY_LENGTH);
const eventMapping = fields({
  mapping: required(list(fields({ productEvent: required(string()), oAuthScopes: required(fields({ current: optional(scopeList), beta: optional(scopeList) })) }), ANY_LENGTH)),
});

let byEvent: Map<string, ScopeRequirement> | null = null;

/** Same reading as the endpoint table: a Current set made of granular scopes is the granular requirement. */
function requirementFrom(current: string[], beta: string[]): ScopeRequirement {
  if (current.length > 0 && current.every(isGranularName)) return { classic: [], granular: current };
  return { classic: current, granular: beta };
}

function load(): Map<string, ScopeRequirement> {
  const data = readForgeManifestJson('mapping/product-event-to-scope-mapping.json', eventMapping);
  return new Map(data.mapping.map((entry) => [entry.productEvent, requirementFrom(entry.oAuthScopes.current ?? [], entry.oAuthScopes.beta ?? [])]));
}

/** Scopes a trigger needs to receive a product event such as `avi:jira:created:issue`; null for an unknown event. */
export function eventRequirement(eventType: string): ScopeRequirement | null {
  byEvent ??= load();
  const requirement = byEvent.get(eventType);
  return requirement ? { classic: [...requirement.classic], granular: [...requirement.granular] } : null;
}
