import ts from 'typescript';
import { placeOf } from './ast-helpers';
import type { ScanContext } from './scan-context';
import type { ApiUse } from './source-facts';

/** Packages of platform services that answer only an app whose manifest declares their module. */
export const SERVICE_PACKAGES = new Set(['@forge/sql', '@forge/llm']);

/**
 * An import (`import … from`, `export … from`, `require`, `import()`) of a platform service package,
 * placed at the statement or call; null for any other node.
 */
export function serviceImportOf(node: ts.Node, context: ScanContext): ApiUse | null {
  let specifier: ts.Expression | undefined;
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
    specifier = node.moduleSpecifier;
  } else if (ts.isCallExpression(node)) {
    const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
    if (isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword) specifier = node.arguments[0];
  }
  if (specifier === undefined || !ts.isStringLiteralLike(specifier) || !SERVICE_PACKAGES.has(specifier.text)) return null;
  return { api: specifier.text, place: placeOf(context.sourceFile, context.file, node) };
}
