import type { ApiUse, FetchCall, ProductCall, ResolverKeyUse, SourceFacts, SourcePlace, UiHookUse } from './source-facts';

// The scan cache is read back from disk, so it is untrusted input: each value is checked and copied
// field by field, and anything unexpected makes the entry unusable (the file is scanned again).

type Parse<T> = (value: unknown, file: string) => T | null;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const isPositiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** A SHA-256 digest as the cache writes it: 64 lower-case hex digits. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

// A place must lie in the file the entry is for: a fact cannot point into another file.
const parsePlace: Parse<SourcePlace> = (value, file) =>
  isRecord(value) && value.file === file && isPositiveInteger(value.line) && isPositiveInteger(value.column) ? { file, line: value.line, column: value.column } : null;

const PRODUCTS: readonly ProductCall['product'][] = ['jira', 'confluence', 'bitbucket'];
const IDENTITIES: readonly ProductCall['as'][] = ['app', 'user', 'default'];

const parseProductCall: Parse<ProductCall> = (value, file) => {
  if (!isRecord(value)) return null;
  const product = PRODUCTS.find((known) => known === value.product);
  const as = IDENTITIES.find((known) => known === value.as);
  if (!product || !as || !isTextOrNull(value.method) || !isTextOrNull(value.path)) return null;
  const place = parsePlace(value.place, file);
  return place && { product, method: value.method, path: value.path, as, place };
};

const parseFetch: Parse<FetchCall> = (value, file) => {
  if (!isRecord(value) || !isTextOrNull(value.url) || !isTextOrNull(value.host)) return null;
  const place = parsePlace(value.place, file);
  return place && { url: value.url, host: value.host, place };
};

const parseApiUse: Parse<ApiUse> = (value, file) => {
  if (!isRecord(value) || !isText(value.api)) return null;
  const place = parsePlace(value.place, file);
  return place && { api: value.api, place };
};

const parseKeyUse: Parse<ResolverKeyUse> = (value, file) => {
  if (!isRecord(value) || !isText(value.key)) return null;
  const place = parsePlace(value.place, file);
  return place && { key: value.key, place };
};

const parseHook: Parse<UiHookUse> = (value, file) => {
  if (!isRecord(value) || !isText(value.hook)) return null;
  const place = parsePlace(value.place, file);
  return place && { hook: value.hook, place };
};

function parseList<T>(value: unknown, file: string, parseItem: Parse<T>): T[] | null {
  if (!Array.isArray(value)) return null;
  const items: T[] = [];
  for (const item of value) {
    const parsed = parseItem(item, file);
    if (parsed === null) return null;
    items.push(parsed);
  }
  return items;
}

/** Cached facts of `file`, copied out of untrusted JSON, or null when anything about them is off. */
export function parseCachedFacts(value: unknown, file: string): SourceFacts | null {
  if (!isRecord(value) || value.file !== file || !isTextOrNull(value.problem)) return null;
  const productCalls = parseList(value.productCalls, file, parseProductCall);
  const fetches = parseList(value.fetches, file, parseFetch);
  const storageUses = parseList(value.storageUses, file, parseApiUse);
  const webTriggerUses = parseList(value.webTriggerUses, file, parseApiUse);
  const resolverDefinitions = parseList(value.resolverDefinitions, file, parseKeyUse);
  const unreadResolverDefinitions = parseList(value.unreadResolverDefinitions, file, parsePlace);
  const invokes = parseList(value.invokes, file, parseKeyUse);
  const uiHooks = parseList(value.uiHooks, file, parseHook);
  const serviceImports = parseList(value.serviceImports, file, parseApiUse);
  if (!productCalls || !fetches || !storageUses || !webTriggerUses || !resolverDefinitions || !unreadResolverDefinitions || !invokes || !uiHooks || !serviceImports) return null;
  return { file, productCalls, fetches, storageUses, webTriggerUses, resolverDefinitions, unreadResolverDefinitions, invokes, uiHooks, serviceImports, problem: value.problem };
}

/** Cached export names: a list of names, null (exports cannot be known statically), or undefined when absent or malformed. */
export function parseCachedExports(value: unknown): string[] | null | undefined {
  if (value === null) return null;
  if (!Array.isArray(value) || !value.every(isText)) return undefined;
  return [...value];
}
