import { egressEntries, hostCovers, parseEgressAddress, type EgressEntry } from '../manifest';
import { anything, passes, recordOf } from '../contract';

type EgressList = EgressEntry['list'];

/** One CSP violation, as the browser reported it (normalised from either report format). */
export interface CspViolationReport {
  /** The effective directive, e.g. `script-src-elem`. */
  directive: string;
  /** A URL, or one of the keywords `inline`, `eval`, `wasm-eval`, `data`, `blob`. */
  blockedUri: string;
  sourceFile: string | null;
  line: number | null;
  sample: string | null;
}

/** Any JSON object (a report and its body), read field by field below. */
const anyObject = recordOf(anything);

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Read a report body: the report-uri form `{"csp-report": {...}}` or the Reporting API form
 * `[{type: "csp-violation", body: {...}}]`. Null for anything else.
 */
export function parseCspReport(body: unknown): CspViolationReport | null {
  // The body is the page's: read only through checks, so no shape of it can throw or pass a wrong type on.
  const legacy = passes(body, anyObject) ? body['csp-report'] : undefined;
  if (passes(legacy, anyObject)) {
    const directive = text(legacy['effective-directive']) ?? text(legacy['violated-directive'])?.split(' ')[0] ?? null;
    if (!directive) return null;
    const line = Number(legacy['line-number']);
    return {
      directive,
      blockedUri: text(legacy['blocked-uri']) ?? '',
      sourceFile: text(legacy['source-file']),
      line: Number.isInteger(line) && line > 0 ? line : null,
      sample: text(legacy['script-sample']),
    };
  }
  const first = Array.isArray(body) ? body.find((item) => passes(item, anyObject) && item.type === 'csp-violation') : undefined;
  const modern = passes(first, anyObject) ? first.body : undefined;
  if (passes(modern, anyObject)) {
    const directive = text(modern.effectiveDirective);
    if (!directive) return null;
    const line = Number(modern.lineNumber);
    return {
      directive,
      blockedUri: text(modern.blockedURL) ?? '',
      sourceFile: text(modern.sourceFile),
      line: Number.isInteger(line) && line > 0 ? line : null,
      sample: text(modern.sample),
    };
  }
  return null;
}

/** The external list that can allow a directive, and what the browser was loading. */
const LISTS: Record<string, { list: EgressList; what: string }> = {
  'script-src': { list: 'scripts', what: 'script' },
  'style-src': { list: 'styles', what: 'stylesheet' },
  'connect-src': { list: 'fetch.client', what: 'fetch/XHR/WebSocket request' },
  'img-src': { list: 'images', what: 'image' },
  'font-src': { list: 'fonts', what: 'font' },
  'media-src': { list: 'media', what: 'audio/video' },
  'frame-src': { list: 'frames', what: 'frame' },
};

/** Why some lists deserve a second thought before adding to them (from the platform's own warnings). */
const CAUTIONS: Partial<Record<EgressList, string>> = {
  scripts: "Remote scripts run with your app's full access to the page and its bridge; prefer bundling the library.",
  styles: 'The platform warns about every external stylesheet; prefer bundling it.',
  fonts: 'The platform warns about every external font; prefer bundling it.',
};

const NEVER_WILDCARD = "Do not use '*': admins see it as unrestricted egress, and it lets any site serve content to your page.";

/** Directive families: `script-src-elem` and `worker-src` fall back to `script-src`, and so on. */
function family(directive: string): string {
  if (directive.startsWith('script-src') || directive === 'worker-src') return 'script-src';
  if (directive.startsWith('style-src')) return 'style-src';
  if (directive === 'child-src') return 'frame-src';
  return directive;
}

function location(report: CspViolationReport): string {
  if (!report.sourceFile) return '';
  return ` (at ${report.sourceFile}${report.line ? `:${report.line}` : ''})`;
}

/** Explain a violation and name the manifest entry that would allow it, or why nothing should. */
export function explainViolation(report: CspViolationReport, manifest: unknown): string {
  const directive = family(report.directive);
  const blocked = report.blockedUri.trim();
  const at = location(report);

  if (directive === 'script-src') {
    if (blocked === 'inline') {
      if (report.directive === 'script-src-attr') {
        return `An inline event handler (onclick=… and similar) was blocked${at}. It needs 'unsafe-inline' under permissions.content.scripts; better: attach the handler with addEventListener in a script file.`;
      }
      return `An inline script was blocked${at}. Inline scripts need 'unsafe-inline' under permissions.content.scripts (better: move it to a file, or allow its sha256 hash under permissions.content.scripts).`;
    }
    if (blocked === 'eval' || blocked === 'wasm-eval') {
      return `eval()/new Function() was blocked${at}. Allowing it needs 'unsafe-eval' under permissions.content.scripts, which makes injected strings executable; prefer a library build that does not use eval.`;
    }
    if (blocked === 'blob') return `A script from a blob: URL was blocked${at}. Add blob: under permissions.content.scripts (bundlers and workers sometimes need it).`;
    if (blocked === 'data') return `A script from a data: URL was blocked${at}. Forge cannot allow data: scripts; bundle the script as a file.`;
  }
  if (directive === 'style-src' && blocked === 'inline') {
    return `An inline style was blocked${at}. Inline styles need 'unsafe-inline' under permissions.content.styles (the only value Forge accepts there; CSS-in-JS libraries usually need it).`;
  }
  if (directive === 'object-src') return `An <object>/<embed> was blocked${at}. Plugins are never allowed in Custom UI.`;
  if (directive === 'base-uri') return `A <base> element was blocked${at}. Custom UI pages cannot change their base URL; remove the <base> element.`;
  if (directive === 'form-action')
    return `A form submission to ${blocked || 'another origin'} was blocked${at}. Forms may only post to the page itself; send data with fetch (permissions.external.fetch.client) or invoke a resolver instead.`;
  if (directive === 'frame-ancestors') return `The page was framed by something other than the workbench${at}; only the product (here, the workbench) may embed it.`;

  const target = LISTS[directive];
  if (!target) return `A ${report.directive} load of ${blocked || 'something'} was blocked${at}. No manifest entry can allow it; Custom UI pages may load it only from the page's own files.`;

  let url: URL | null;
  try {
    url = new URL(blocked);
  } catch {
    url = null;
  }
  if (!url || !['https:', 'wss:', 'http:', 'ws:'].includes(url.protocol)) {
    return `A ${target.what} from ${blocked || 'an unknown source'} was blocked${at}. Forge allows only https: (and wss: for sockets) under permissions.external.${target.list}.`;
  }
  if (url.protocol === 'http:' || url.protocol === 'ws:') {
    return `A ${target.what} from ${url.origin} was blocked${at}. Forge allows only https: and wss: addresses; load it over ${url.protocol === 'ws:' ? 'wss' : 'https'} and add that address under permissions.external.${target.list}.`;
  }
  if (url.protocol === 'wss:' && target.list !== 'fetch.client') {
    return `A ${target.what} from ${url.origin} was blocked${at}. wss: applies only to permissions.external.fetch.client.`;
  }

  const origin = url.origin;
  const host = url.hostname.toLowerCase();
  const caution = CAUTIONS[target.list] ? ` ${CAUTIONS[target.list]}` : '';
  const declared = egressEntries(manifest).filter((entry) => entry.address !== null);
  const sameList = declared.filter((entry) => entry.list === target.list);
  const parts = [`A ${target.what} from ${origin} was blocked${at}. To allow it, add ${origin} under permissions.external.${target.list}.`];

  for (const entry of sameList) {
    const address = parseEgressAddress(entry.address!);
    if (!address.ok) continue;
    if (address.host.startsWith('*.') && host === address.host.slice(2)) {
      parts.push(`"${entry.address}" does not cover ${host} itself; a wildcard matches only subdomains.`);
    } else if (hostCovers(address.host, host)) {
      parts.push(`"${entry.address}" names this host already; check its path and port, which must match the request.`);
    }
  }
  const elsewhere = declared.find(
    (entry) =>
      entry.list !== target.list &&
      (() => {
        const address = parseEgressAddress(entry.address!);
        return address.ok && !address.global && hostCovers(address.host, host);
      })(),
  );
  if (elsewhere) parts.push(`It is listed under permissions.external.${elsewhere.list}, but each kind of load needs its own list.`);
  parts.push(NEVER_WILDCARD + caution);
  return parts.join(' ');
}

/** The manifest list that can allow a directive, e.g. `permissions.external.images` for img-src; null if none can. */
export function manifestEntryFor(directive: string): string | null {
  const target = LISTS[family(directive)];
  return target ? `permissions.external.${target.list}` : null;
}
