export { ManifestFile, MANIFEST_FILE_NAME, revisionOf } from './manifest-file';
