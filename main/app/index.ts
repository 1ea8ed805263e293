export { describeAppFolder } from './app-folder';
export { readAppSourceFile } from './source-file';
