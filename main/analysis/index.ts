export { listSourceFiles, SOURCE_FILE_LIMIT, SOURCE_FILE_MAX_BYTES } from './source-files';
export { SourceIndex } from './source-index';
export type { ApiUse, FetchCall, ProductCall, ResolverKeyUse, SourceFacts, SourcePlace, UiHookUse } from './source-facts';
export { AppAnalysis, type AppAnalysisOptions } from './app-analysis';
export { CachedSchemaValidator } from './schema-cache';
