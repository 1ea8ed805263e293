import ts from 'typescript';
import { type CalledName, calledName, literalText, placeOf, unwrapExpression } from './ast-helpers';
import type { ScanContext } from './scan-context';
import type { FetchCall } from './source-facts';

// `api.fetch(url)`, `window.fetch(url)`: receivers whose fetch is the web's fetch even when the URL is dynamic.
const GLOBAL_FETCH_OWNERS = new Set(['api', 'window', 'globalThis', 'self']);

/**
 * A `fetch` that leaves Atlassian: `fetch(...)`, `api.fetch(...)` or any `.fetch` with an absolute URL.
 * Relative URLs and `withProvider(...).fetch(path)` (external auth, declared elsewhere) are not egress.
 */
export function fetchCallOf(call: ts.CallExpression, called: CalledName, context: ScanContext): FetchCall | null {
  if (called.name !== 'fetch' || call.arguments.length === 0) return null;
  if (called.receiver !== null && callsProvider(called.receiver)) return null;
  const url = urlTextOf(call.arguments[0]);
  const absolute = url !== null && /^https?:\/\//i.test(url);
  // A URL that starts with an expression (`${base}/x`) may go anywhere; a literal relative one stays on its origin.
  if (url !== null && !absolute && !url.startsWith('{}')) return null;
  if (called.receiver !== null && !absolute && !(ts.isIdentifier(called.receiver) && GLOBAL_FETCH_OWNERS.has(called.receiver.text))) return null;
  return { url, host: absolute ? hostOf(url) : null, place: placeOf(context.sourceFile, context.file, called.nameNode) };
}

/** The host of an absolute URL text when it is literal: lower case, without user or port; null when it has an expression. */
export function hostOf(url: string): string | null {
  const afterScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = afterScheme.split(/[/?#]/, 1)[0] ?? '';
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostAndPort.includes('{}')) return null;
  const host = hostAndPort.startsWith('[') ? hostAndPort.slice(0, hostAndPort.indexOf(']') + 1) : (hostAndPort.split(':')[0] ?? '');
  return host === '' ? null : host.toLowerCase();
}

// fetch(new URL('https://...')) is read like fetch('https://...').
function urlTextOf(argument: ts.Expression | undefined): string | null {
  if (argument === undefined) return null;
  const inner = unwrapExpression(argument);
  if (ts.isNewExpression(inner) && calledName(inner)?.name === 'URL' && inner.arguments?.length === 1) return literalText(inner.arguments[0]);
  return literalText(inner);
}

// asUser().withProvider('google').fetch('/drive/v3/files'), possibly through asAccount(...) and variables in between.
function callsProvider(receiver: ts.Expression): boolean {
  let current: ts.Expression | null = receiver;
  for (let step = 0; current !== null && step < 50; step += 1) {
    const inner: ts.Expression = unwrapExpression(current);
    if (ts.isCallExpression(inner)) {
      const called = calledName(inner);
      if (called?.name === 'withProvider') return true;
      current = called?.receiver ?? null;
    } else if (ts.isPropertyAccessExpression(inner)) current = inner.expression;
    else current = null;
  }
  return false;
}
