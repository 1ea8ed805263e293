import type { Diagnostic } from '../../common/types';
import { explainScope, isKnownScope } from '../scopes';
import { parseEgressAddress } from './egress-address';
import { convertStringEntries, replaceScalar } from './manifest-edits';
import { declaredScopes, egressEntries, egressListPath, type EgressList } from './manifest-model';
import { manifestDiagnostic, type ParsedManifest } from './parsed-manifest';

/** Unknown scopes (with "did you mean" and a fix) and egress entries the platform rejects or warns about. */
export function permissionDiagnostics(parsed: ParsedManifest): Diagnostic[] {
  return [...unknownScopes(parsed), ...egressProblems(parsed)];
}

function unknownScopes(parsed: ParsedManifest): Diagnostic[] {
  return declaredScopes(parsed.value)
    .filter((entry) => !isKnownScope(entry.scope))
    .map((entry) => {
      const suggestions = explainScope(entry.scope).suggestions;
      const hint =
        suggestions.length > 0
          ? ` Did you mean ${suggestions
              .slice(0, 3)
              .map((name) => `"${name}"`)
              .join(' or ')}?`
          : '';
      const diagnostic = manifestDiagnostic('error', 'scope-unknown', `"${entry.scope}" is not a scope the platform accepts.${hint}`, parsed.rangeOf(parsed.nodeAt(entry.path)));
      const isListForm = typeof entry.path[entry.path.length - 1] === 'number';
      for (const suggestion of suggestions.slice(0, 3)) {
        const edit = isListForm ? replaceScalar(parsed, entry.path, suggestion) : null;
        if (edit) diagnostic.fixes.push({ title: `Replace with ${suggestion}`, edits: [edit] });
      }
      return diagnostic;
    });
}

function egressProblems(parsed: ParsedManifest): Diagnostic[] {
  const entries = egressEntries(parsed.value);
  const remotes = remoteKeys(parsed.value);
  const diagnostics: Diagnostic[] = [];
  const listsWithStrings = new Set<EgressList>();
  for (const entry of entries) {
    const where = `permissions.external.${entry.list}[${entry.index}]`;
    const range = parsed.rangeOf(parsed.nodeAt(entry.form === 'object' ? [...entry.path, 'address'] : entry.path));
    if (entry.form === 'remote') {
      if (!remotes.has(entry.remote!)) {
        diagnostics.push(manifestDiagnostic('error', 'egress-remote-unknown', `${where} names remote "${entry.remote}", which is not declared under remotes.`, range));
      }
      continue;
    }
    if (entry.address === null) continue; // the schema reports malformed objects
    if (entry.form === 'string') listsWithStrings.add(entry.list);
    const address = parseEgressAddress(entry.address);
    if (!address.ok) {
      const message =
        address.problem === 'blocked-protocol'
          ? `${where}: ${address.detail} addresses are never allowed as egress.`
          : address.problem === 'unsupported-protocol'
            ? `${where}: ${address.detail} is not allowed; egress must use https: (or wss: for sockets). Write the domain alone, e.g. "api.example.com".`
            : address.problem === 'too-long'
              ? `${where} is ${address.detail}; the limit is 1000.`
              : `${where}: "${entry.address}" is not a valid domain. Write a domain such as "api.example.com" or "*.example.com".`;
      diagnostics.push(manifestDiagnostic('error', address.problem === 'malformed' || address.problem === 'too-long' ? 'egress-malformed' : 'egress-protocol-not-allowed', message, range));
      continue;
    }
    if (address.global) {
      diagnostics.push(
        manifestDiagnostic('warning', 'egress-global', `${where} allows every domain ("*"). Admins see this as unrestricted data egress; list the domains the app really calls.`, range),
      );
    }
    if (address.path && entry.list === 'fetch.backend') {
      diagnostics.push(
        manifestDiagnostic('warning', 'egress-path-ignored', `${where}: the path "${address.path}" is ignored; backend egress is allowed per domain. Write just "${address.host}".`, range),
      );
      const edit = replaceScalar(parsed, entry.form === 'object' ? [...entry.path, 'address'] : entry.path, address.host);
      if (edit) diagnostics[diagnostics.length - 1]!.fixes.push({ title: `Keep only the domain ${address.host}`, edits: [edit] });
    }
  }
  for (const list of listsWithStrings) {
    const stringEntries = entries.filter((entry) => entry.list === list && entry.form === 'string');
    const edits = convertStringEntries(parsed, egressListPath(list));
    for (const entry of stringEntries) {
      const diagnostic = manifestDiagnostic(
        'warning',
        'egress-string-deprecated',
        `permissions.external.${list}[${entry.index}]: the plain-string form is deprecated; write {address: ${entry.address}}.`,
        parsed.rangeOf(parsed.nodeAt(entry.path)),
      );
      if (edits.length > 0) diagnostic.fixes.push({ title: `Convert ${list} entries to the object form`, edits });
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}

function remoteKeys(manifest: unknown): Set<string> {
  const remotes = (manifest as { remotes?: unknown } | null)?.remotes;
  if (!Array.isArray(remotes)) return new Set();
  return new Set(remotes.flatMap((remote) => (remote && typeof remote === 'object' && typeof (remote as { key?: unknown }).key === 'string' ? [(remote as { key: string }).key] : [])));
}
