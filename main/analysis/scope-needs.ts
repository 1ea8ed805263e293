import type { CodeLocation } from '../../common/types';
import { MANIFEST_FILE_NAME, modulesOf, type ParsedManifest } from '../manifest';
import { eventRequirement, findOperation, requirementOf, type ScopeRequirement } from '../scopes';
import type { SourceFacts } from './source-facts';

/** Something the app does that needs scopes, and where it does it. */
export interface ScopeNeed {
  requirement: ScopeRequirement;
  location: CodeLocation;
}

/** Hard-coded needs of UI Kit hooks (FACTS §2.6, from the platform's own linter). */
const UI_HOOK_REQUIREMENTS: Record<string, ScopeRequirement> = {
  useIssueProperty: { classic: ['read:jira-work', 'write:jira-work'], granular: ['read:issue.property:jira'] },
  useContentProperty: { classic: ['read:page:confluence', 'write:page:confluence'], granular: [] },
  useSpaceProperty: { classic: ['read:space:confluence', 'write:space:confluence'], granular: [] },
};
const STORAGE_REQUIREMENT: ScopeRequirement = { classic: ['storage:app'], granular: [] };

/** Calls Anvil cannot read statically (dynamic paths or methods), per product. */
export interface UnreadableCall {
  product: string;
  location: CodeLocation;
}

/** Every scope need found in the sources and the manifest's triggers. */
export function scopeNeeds(parsed: ParsedManifest, facts: readonly SourceFacts[]): { needs: ScopeNeed[]; unreadable: UnreadableCall[]; unknownOperations: CodeLocation[] } {
  const needs: ScopeNeed[] = [];
  const unreadable: UnreadableCall[] = [];
  const unknownOperations: CodeLocation[] = [];
  for (const file of facts) {
    for (const call of file.productCalls) {
      const at = { file: call.place.file, line: call.place.line, column: call.place.column };
      if (call.path === null || call.method === null) {
        unreadable.push({ product: call.product, location: { ...at, reason: `request${capitalise(call.product)} with a path or method Anvil cannot read` } });
        continue;
      }
      const operation = findOperation(call.product, call.method, call.path);
      if (!operation) {
        unknownOperations.push({ ...at, reason: `${call.method} ${call.path}` });
        continue;
      }
      needs.push({ requirement: requirementOf(operation), location: { ...at, reason: `${operation.method} ${operation.path}` } });
    }
    for (const use of file.storageUses) {
      needs.push({ requirement: STORAGE_REQUIREMENT, location: { file: use.place.file, line: use.place.line, column: use.place.column, reason: `${use.api} (app storage)` } });
    }
    for (const hook of file.uiHooks) {
      const requirement = UI_HOOK_REQUIREMENTS[hook.hook];
      if (requirement) needs.push({ requirement, location: { file: hook.place.file, line: hook.place.line, column: hook.place.column, reason: `${hook.hook}()` } });
    }
  }
  for (const module of modulesOf(parsed.value)) {
    if (module.type !== 'trigger' || !Array.isArray(module.value.events)) continue;
    module.value.events.forEach((event: unknown, index: number) => {
      const eventType = typeof event === 'string' ? event : typeof (event as { eventType?: unknown })?.eventType === 'string' ? (event as { eventType: string }).eventType : null;
      const requirement = eventType ? eventRequirement(eventType) : null;
      if (!eventType || !requirement) return;
      const range = parsed.rangeOf(parsed.nodeAt([...module.path, 'events', index]));
      needs.push({ requirement, location: { file: MANIFEST_FILE_NAME, line: range.line, column: range.column, reason: `trigger "${module.key}" receives ${eventType}` } });
    });
  }
  return { needs, unreadable, unknownOperations };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
