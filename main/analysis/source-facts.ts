/** A place in a source file; line and column are 1-based. `file` is relative to the app folder with '/' separators. */
export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

/** One call to a product REST API (`requestJira`, `requestConfluence`, `requestBitbucket`). */
export interface ProductCall {
  product: 'jira' | 'confluence' | 'bitbucket';
  /** Upper-case HTTP method; from a literal `method:` in the options object, else 'GET'. `null` when the method is not a literal (dynamic). */
  method: string | null;
  /** Path with each template expression replaced by `{}` (query string kept), or null when the path is not a literal/template (dynamic). */
  path: string | null;
  /** asApp(), asUser(), or neither (frontend bridge calls, or the default import's requestJira). */
  as: 'app' | 'user' | 'default';
  place: SourcePlace;
}

/** One `fetch` to a site outside Atlassian (egress). */
export interface FetchCall {
  /** URL text with expressions as `{}` or null when dynamic */
  url: string | null;
  /** host when it is literal (lower case, no port), else null */
  host: string | null;
  place: SourcePlace;
}

/** A named Forge API used at a place, e.g. `kvs.get` or `webTrigger.getUrl`. */
export interface ApiUse {
  api: string;
  place: SourcePlace;
}

/** A resolver function key, defined (`resolver.define`) or called (`invoke`). */
export interface ResolverKeyUse {
  key: string;
  place: SourcePlace;
}

/** A UI Kit hook that needs scopes, e.g. `useIssueProperty`. */
export interface UiHookUse {
  hook: string;
  place: SourcePlace;
}

/** What one source file does with Forge APIs. */
export interface SourceFacts {
  file: string;
  productCalls: ProductCall[];
  fetches: FetchCall[];
  /** Uses of app storage: e.g. `kvs.get`, `storage.set`, `kvs.entity`. */
  storageUses: ApiUse[];
  webTriggerUses: ApiUse[];
  resolverDefinitions: ResolverKeyUse[];
  /** Resolver definitions whose keys only running the code tells (a key that is no literal, `makeResolver`). */
  unreadResolverDefinitions: SourcePlace[];
  invokes: ResolverKeyUse[];
  uiHooks: UiHookUse[];
  /** Imports of platform service packages that work only with their module in the manifest (`@forge/sql`, `@forge/llm`). */
  serviceImports: ApiUse[];
  /** Why the file could not be (fully) scanned, or null. */
  problem: string | null;
}

/** Facts of a file in which nothing was found (yet). */
export function emptyFacts(file: string, problem: string | null = null): SourceFacts {
  return {
    file,
    productCalls: [],
    fetches: [],
    storageUses: [],
    webTriggerUses: [],
    resolverDefinitions: [],
    unreadResolverDefinitions: [],
    invokes: [],
    uiHooks: [],
    serviceImports: [],
    problem,
  };
}
