export { listAppFolder, MAX_FOLDER_ENTRIES } from './app-folder-listing';
export { readAppFile, MAX_APP_FILE_BYTES } from './app-file-read';
export { saveAppFile } from './app-file-save';
export { languageOf } from './file-language';
export { checkedRelativePath } from './app-file-path';
export { searchAppFiles, SEARCH_LIMITS } from './app-search';
export { locateHandler } from './handler-location';
