// Scopes: what each one allows, which REST operations and product events need which, and "did you mean" for typos.
export type { Operation, ProductApi, ScopeRequirement } from './types';
export { eventRequirement } from './event-scopes';
export { explainScope } from './explain';
export { findOperation } from './operation-match';
export { missingScopes, requirementOf } from './requirement';
export { allScopes, isKnownScope } from './scope-catalog';
export { suggestScopes } from './suggest';
