import type { CodeLocation, Diagnostic, EgressRow } from '../../common/types';
import { appendToSequence, egressEntries, hostCovers, manifestDiagnostic, parseEgressAddress, removeEntry, type ParsedManifest } from '../manifest';
import { listKeyRange } from './finding-anchor';
import type { SourceFacts } from './source-facts';

export interface EgressFindings {
  declared: string[];
  used: string[];
  missing: string[];
  unused: string[];
  rows: EgressRow[];
  diagnostics: Diagnostic[];
}

/**
 * Frontend code (Custom UI and UI Kit sources) fetches from the browser and needs `fetch.client`;
 * everything else runs in the Forge runtime and needs `fetch.backend`.
 */
function frontendRoots(manifest: unknown): string[] {
  const resources = (manifest as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) return [];
  return resources.flatMap((resource) => {
    const resourcePath = (resource as { path?: unknown } | null)?.path;
    if (typeof resourcePath !== 'string') return [];
    const parts = resourcePath.replace(/^\.\//, '').split('/');
    // static/panel/build → static/panel; src/frontend/index.jsx → src/frontend
    const cut = parts.findIndex((part) => ['build', 'dist', 'out', 'public'].includes(part) || /\.[jt]sx?$/.test(part));
    return [parts.slice(0, cut === -1 ? parts.length : cut).join('/')].filter((root) => root !== '' && root !== 'src');
  });
}

/** Domains the code fetches from but the manifest does not allow, and allowed domains nothing fetches from. */
export function egressFindings(parsed: ParsedManifest, facts: readonly SourceFacts[]): EgressFindings {
  const roots = frontendRoots(parsed.value);
  const isFrontend = (file: string) => roots.some((root) => file === root || file.startsWith(root + '/'));
  const declaredEntries = egressEntries(parsed.value).filter((entry) => entry.list === 'fetch.backend' || entry.list === 'fetch.client');
  const declared = declaredEntries.flatMap((entry) => {
    const address = entry.address === null ? null : parseEgressAddress(entry.address);
    return address?.ok ? [{ entry, host: address.host }] : [];
  });

  const uses = new Map<string, { list: 'fetch.backend' | 'fetch.client'; locations: CodeLocation[] }>();
  const dynamic: CodeLocation[] = [];
  for (const file of facts) {
    for (const call of file.fetches) {
      const location = { file: call.place.file, line: call.place.line, column: call.place.column, reason: `fetch ${call.url ?? '(dynamic URL)'}` };
      if (!call.host) {
        dynamic.push(location);
        continue;
      }
      const list = isFrontend(call.place.file) ? 'fetch.client' : 'fetch.backend';
      const key = `${list} ${call.host}`;
      const use = uses.get(key) ?? { list, locations: [] };
      use.locations.push(location);
      uses.set(key, use);
    }
  }

  const diagnostics: Diagnostic[] = [];
  const rows: EgressRow[] = [];
  const coveredDeclarations = new Set<number>();
  const missing: string[] = [];
  for (const [key, use] of uses) {
    const host = key.slice(use.list.length + 1);
    const covering = declared.filter(({ entry, host: allowed }) => entry.list === use.list && hostCovers(allowed, host));
    covering.forEach(({ entry }) => coveredDeclarations.add(declaredEntries.indexOf(entry)));
    if (covering.length > 0) continue;
    missing.push(host);
    const first = use.locations[0]!;
    const diagnostic = manifestDiagnostic(
      'error',
      'egress-missing',
      `${first.file}:${first.line} fetches from ${host}, which permissions.external.${use.list} does not allow. The platform will refuse the request.`,
      listKeyRange(parsed, ['permissions', 'external', ...use.list.split('.')]),
    );
    diagnostic.fixes.push({
      title: `Allow ${host} in ${use.list}`,
      edits: [appendToSequence(parsed, ['permissions', 'external', ...use.list.split('.')], { block: `address: ${host}`, flow: `{address: ${host}}` })],
    });
    diagnostics.push(diagnostic);
    rows.push({ domain: host, declared: false, status: 'missing', usedAt: use.locations });
  }

  const unused: string[] = [];
  declared.forEach(({ entry, host }) => {
    const usedAt = [...uses.entries()].filter(([key, use]) => use.list === entry.list && hostCovers(host, key.slice(use.list.length + 1))).flatMap(([, use]) => use.locations);
    const isUsed = coveredDeclarations.has(declaredEntries.indexOf(entry)) || usedAt.length > 0;
    rows.push({ domain: host, declared: true, status: isUsed ? 'used' : 'unused', usedAt });
    if (isUsed || host === '*') return;
    unused.push(host);
    if (facts.length === 0) return;
    const diagnostic = manifestDiagnostic(
      dynamic.length > 0 ? 'info' : 'warning',
      'egress-unused',
      dynamic.length > 0
        ? `No fetch Anvil could read goes to ${host}; ${dynamic[0]!.file}:${dynamic[0]!.line} fetches a URL it cannot read, which may.`
        : `Nothing in the code fetches from ${host}. Remove it: admins see every egress domain on the consent screen.`,
      parsed.rangeOf(parsed.nodeAt(entry.form === 'object' ? [...entry.path, 'address'] : entry.path)),
    );
    // A maybe (a fetch Anvil cannot read may go there) gets no one-click removal: removing a host
    // the app does use breaks it in production.
    const edit = dynamic.length > 0 ? null : removeEntry(parsed, entry.path);
    if (edit) diagnostic.fixes.push({ title: `Remove ${host} from ${entry.list}`, edits: [edit] });
    diagnostics.push(diagnostic);
  });

  return {
    declared: declared.map(({ host }) => host),
    used: [...new Set([...uses.keys()].map((key) => key.slice(key.indexOf(' ') + 1)))].sort(),
    missing: [...new Set(missing)].sort(),
    unused,
    rows,
    diagnostics,
  };
}
