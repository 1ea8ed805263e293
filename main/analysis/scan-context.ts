import type ts from 'typescript';
import type { FileKnowledge } from './file-knowledge';

/** The parsed file a finder looks at, and what is known about it as a whole. */
export interface ScanContext {
  sourceFile: ts.SourceFile;
  /** The file's path relative to the app, with '/'. */
  file: string;
  knowledge: FileKnowledge;
}
