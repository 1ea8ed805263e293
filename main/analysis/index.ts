export { listSourceFiles, SOURCE_FILE_LIMIT, SOURCE_FILE_MAX_BYTES } from './source-files';
export { SourceIndex } from './source-index';
export type { ApiUse, FetchCall, ProductCall, ResolverKeyUse, SourceFacts, SourcePlace, UiHookUse } from './source-facts';
export { AppAnalysis, type AppAnalysisOptions } from './app-analysis';
export { CachedSchemaValidator } from './schema-cache';
export { UNSAVED_SOURCES_MAX_BYTES, UNSAVED_SOURCES_MAX_FILES, type UnsavedSource } from './unsaved-sources';
export { isSkippedFolderName, isSourceFilePath } from './source-files';
/** Where a module exports a name; parses with TypeScript (9 MB), so it is loaded only when a handler is looked up. */
export const loadExportPlace = () => import('./export-place');
