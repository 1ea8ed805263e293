import type { ScopeKind, ScopePower } from '../../common/types';

/** What a scope's name alone says about it. */
export interface ScopeShape {
  /** First part: read, write, delete, manage, … */
  action: string;
  /** Middle part(s): `jira-work`, `issue.property`, `graph:issue`, `customer:entitlement`. */
  entity: string;
  product: string;
  kind: ScopeKind;
  power: ScopePower;
}

/** Scopes of the Forge platform itself rather than of a product. */
export const PLATFORM_SCOPES: ReadonlySet<string> = new Set(['storage:app', 'read:app-system-token', 'read:app-user-token', 'report:personal-data', 'read:me', 'read:account']);

const ADMIN_ACTIONS = new Set(['manage', 'admin', 'project-admin', 'space-admin']);
const WRITE_ACTIONS = new Set(['write', 'send', 'import', 'moderate', 'redact', 'act-as-user', 'storage']);

/** Granular scopes have three or more parts (`read:issue:jira`); classic ones two (`read:jira-work`). */
export function isGranularName(scope: string): boolean {
  return scope.split(':').length >= 3;
}

/** Product of a two-part scope from its object: `jira-work` → jira, `servicedesk-request` → JSM. */
function classicProduct(object: string): string {
  if (object.startsWith('jira')) return 'jira';
  if (object.startsWith('confluence')) return 'confluence';
  if (object.startsWith('servicedesk') || object.startsWith('servicemanagement')) return 'jira-service-management';
  return 'unknown';
}

function powerOf(action: string, entity: string): ScopePower {
  if (ADMIN_ACTIONS.has(action) || entity.split(/[.:]/).includes('admin')) return 'admin';
  if (action === 'delete') return 'delete';
  if (WRITE_ACTIONS.has(action)) return 'write';
  return 'read';
}

/** Kind, product and power of a scope, read from its name (works for unknown names too). */
export function scopeShape(scope: string): ScopeShape {
  const parts = scope.split(':');
  const action = parts[0] ?? '';
  if (PLATFORM_SCOPES.has(scope)) {
    return { action, entity: parts[1] ?? '', product: 'platform', kind: 'platform', power: powerOf(action, '') };
  }
  if (parts.length >= 3) {
    const entity = parts.slice(1, -1).join(':');
    return { action, entity, product: parts[parts.length - 1] ?? 'unknown', kind: 'granular', power: powerOf(action, entity) };
  }
  const object = parts[1] ?? '';
  if (object.startsWith('connect-')) {
    return { action, entity: object, product: object.slice('connect-'.length), kind: 'connect', power: powerOf(action, '') };
  }
  return { action, entity: object, product: classicProduct(object), kind: 'classic', power: powerOf(action, '') };
}
