import { allOperations } from './endpoint-table';
import type { Operation, ProductApi } from './types';

/** A spec path template split into segments; null marks a `{param}` segment. */
interface Candidate {
  operation: Operation;
  segments: (string | null)[];
  literals: number;
}

let index: Map<string, Candidate[]> | null = null;

const keyOf = (product: string, method: string, segmentCount: number): string => `${product} ${method} ${segmentCount}`;

const isParam = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}') && segment.length > 2;

/** Operations grouped by product, method and number of segments: a lookup scans one small bucket. */
function operationIndex(): Map<string, Candidate[]> {
  if (index) return index;
  index = new Map();
  for (const operation of allOperations()) {
    const segments = splitPath(operation.path).map((segment) => (isParam(segment) ? null : segment));
    const candidate = { operation, segments, literals: segments.filter((segment) => segment !== null).length };
    const key = keyOf(operation.product, operation.method, segments.length);
    const bucket = index.get(key);
    if (bucket) bucket.push(candidate);
    else index.set(key, [candidate]);
  }
  return index;
}

/** Path segments without query string, fragment, or empty parts from leading or trailing slashes. */
function splitPath(callPath: string): string[] {
  const end = callPath.search(/[?#]/);
  const bare = end === -1 ? callPath : callPath.slice(0, end);
  return bare.split('/').filter((segment) => segment !== '');
}

/** `{}` (a template expression in the app's code) stands for any value, but only where the spec has a parameter. */
function matches(candidate: Candidate, call: string[]): boolean {
  for (let position = 0; position < call.length; position++) {
    const literal = candidate.segments[position];
    if (literal === null) continue;
    if (literal !== call[position]) return false;
  }
  return true;
}

/**
 * The operation an app's call reaches. `path` is as written in the code, with template expressions
 * replaced by `{}`; a query string and a trailing slash are ignored. When several templates fit, the
 * one with the most literal segments wins (`/issue/picker` over `/issue/{issueIdOrKey}`).
 */
export function findOperation(product: ProductApi, method: string, path: string): Operation | null {
  const found = lookup(product, method, path);
  if (found || product !== 'jira') return found;
  // Jira REST v2 has v3's operations and scopes (only bodies differ: wiki markup, not ADF); `latest` is v2.
  const v2 = /^\/rest\/api\/(2|latest)(?=[/?#]|$)/.exec(path);
  if (!v2) return null;
  const same = lookup(product, method, `/rest/api/3${path.slice(v2[0].length)}`);
  return same ? { ...same, path: `/rest/api/${v2[1]}${same.path.slice('/rest/api/3'.length)}` } : null;
}

function lookup(product: ProductApi, method: string, path: string): Operation | null {
  const call = splitPath(path);
  const bucket = operationIndex().get(keyOf(product, method.toUpperCase(), call.length));
  let best: Candidate | null = null;
  for (const candidate of bucket ?? []) {
    if ((best === null || candidate.literals > best.literals) && matches(candidate, call)) best = candidate;
  }
  if (!best) return null;
  const { operation } = best;
  return { ...operation, classic: [...operation.classic], granular: [...operation.granular] };
}
