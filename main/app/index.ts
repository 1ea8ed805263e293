export { describeAppFolder } from './app-folder';
export { resolveAppFolderPath } from './app-folder-path';
export { readAppSourceFile } from './source-file';
export { appDataFolder } from './app-data-folder';
export { DEFAULT_ENVIRONMENTS, environmentsOf } from './default-environments';
