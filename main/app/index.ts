export { describeAppFolder } from './app-folder';
