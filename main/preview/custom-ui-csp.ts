import { egressEntries, parseEgressAddress, type EgressEntry } from '../manifest';

type EgressList = EgressEntry['list'];

/**
 * The Content-Security-Policy a Custom UI page gets, approximated for local preview.
 *
 * The platform's exact CSP is not public, so this errs on the strict side: everything starts at
 * 'self' (the preview origin) and only what the manifest declares under `permissions.content` and
 * `permissions.external` is added. A page that runs here should therefore also run in the product;
 * the reverse may not hold (the product may allow a few Atlassian hosts we leave out).
 */

export interface CspSource {
  directive: string;
  source: string;
  /** Where the source came from: a manifest list such as `permissions.external.images`, or `built-in`. */
  entry: string;
}

export interface CustomUiCsp {
  header: string;
  sources: CspSource[];
}

export const BUILT_IN = 'built-in';

/** Which external list feeds which directive. `navigation` and `fetch.backend` do not affect the page's CSP. */
export const EXTERNAL_DIRECTIVES: Partial<Record<EgressList, string>> = {
  'fetch.client': 'connect-src',
  images: 'img-src',
  scripts: 'script-src',
  styles: 'style-src',
  frames: 'frame-src',
  fonts: 'font-src',
  media: 'media-src',
};

const CONTENT_SCRIPT_KEYWORDS = ['unsafe-eval', 'unsafe-hashes', 'unsafe-inline'];
const HASH = /^sha(256-[A-Za-z0-9+/]{43}=|384-[A-Za-z0-9+/]{64}|512-[A-Za-z0-9+/]{86}==)$/;
/** Characters that would end a source or directive and let a manifest value inject its own policy. */
const UNSAFE_IN_SOURCE = /[\s;,'"]/;

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** `permissions.content.scripts` values as CSP sources; anything the platform would reject is dropped. */
export function contentScriptSource(value: string): string | null {
  const bare = value.trim().replace(/^'(.*)'$/, '$1');
  if (CONTENT_SCRIPT_KEYWORDS.includes(bare)) return `'${bare}'`;
  if (bare === 'blob:') return 'blob:';
  if (HASH.test(bare)) return `'${bare}'`;
  return null;
}

/**
 * An egress address as a CSP host source. A lone `*` becomes `https:` (plus `wss:` for connect-src),
 * not `*`: CSP's `*` also matches http:, which would let the page reach the workbench on 127.0.0.1.
 */
export function egressSource(address: string, directive: string): string[] {
  const parsed = parseEgressAddress(address);
  if (!parsed.ok) return [];
  if (parsed.global) return directive === 'connect-src' ? ['https:', 'wss:'] : ['https:'];
  // parseEgressAddress drops the port; keep it, since CSP matches ports exactly.
  const port = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?[^/]*?:(\d+)(?:\/|$)/.exec(address.trim())?.[1];
  const source = `${parsed.protocol}://${parsed.host}${port ? `:${port}` : ''}${parsed.path ?? ''}`;
  return UNSAFE_IN_SOURCE.test(source) ? [] : [source];
}

/**
 * Build the CSP for a Custom UI page. `reportPath` is where the browser POSTs violations;
 * `workbenchOrigin` is the only page allowed to frame it (without one, nothing may).
 */
export function customUiCsp(manifest: unknown, reportPath: string, workbenchOrigin?: string): CustomUiCsp {
  if (UNSAFE_IN_SOURCE.test(reportPath)) throw new Error(`report path "${reportPath}" cannot appear in a CSP header`);
  if (workbenchOrigin !== undefined && (UNSAFE_IN_SOURCE.test(workbenchOrigin) || workbenchOrigin === '')) {
    throw new Error(`workbench origin "${workbenchOrigin}" cannot appear in a CSP header`);
  }
  const sources: CspSource[] = [];
  const add = (directive: string, source: string, entry: string): void => {
    if (!sources.some((existing) => existing.directive === directive && existing.source === source)) sources.push({ directive, source, entry });
  };

  add('default-src', "'self'", BUILT_IN);
  for (const directive of ['script-src', 'style-src', 'connect-src', 'img-src', 'font-src', 'media-src', 'frame-src']) add(directive, "'self'", BUILT_IN);
  add('img-src', 'data:', BUILT_IN);
  add('img-src', 'blob:', BUILT_IN);

  const content = record(record(record(manifest)?.permissions)?.content);
  for (const value of stringList(content?.scripts)) {
    const source = contentScriptSource(value);
    if (source) add('script-src', source, 'permissions.content.scripts');
  }
  for (const value of stringList(content?.styles)) {
    // Styles accept only unsafe-inline on the platform.
    if (value.trim().replace(/^'(.*)'$/, '$1') === 'unsafe-inline') add('style-src', "'unsafe-inline'", 'permissions.content.styles');
  }

  for (const entry of egressEntries(manifest)) {
    const directive = EXTERNAL_DIRECTIVES[entry.list];
    if (!directive || entry.address === null) continue; // `{remote}` entries only matter to fetch.backend
    for (const source of egressSource(entry.address, directive)) add(directive, source, `permissions.external.${entry.list}`);
  }

  add('object-src', "'none'", BUILT_IN);
  add('base-uri', "'self'", BUILT_IN);
  add('form-action', "'self'", BUILT_IN);
  add('frame-ancestors', workbenchOrigin ?? "'none'", workbenchOrigin ? 'workbench' : BUILT_IN);

  const order: string[] = [];
  for (const source of sources) if (!order.includes(source.directive)) order.push(source.directive);
  const header = [
    ...order.map(
      (directive) =>
        `${directive} ${sources
          .filter((source) => source.directive === directive)
          .map((source) => source.source)
          .join(' ')}`,
    ),
    `report-uri ${reportPath}`,
  ].join('; ');
  return { header, sources };
}
