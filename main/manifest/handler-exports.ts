import ts from 'typescript';

/**
 * Names a module exports, as the platform's handler lookup sees them: ES exports (`export function x`,
 * `export const x`, `export { a as x }`, `export default`) and CommonJS ones (`exports.x =`,
 * `module.exports = { x }`, `module.exports.x =`). Returns null when exports cannot be known statically
 * (`export * from`), so the caller does not claim an export is missing.
 */
export function exportedNames(fileName: string, text: string): Set<string> | null {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const names = new Set<string>();
  let unknowable = false;
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    const exported = modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    const isDefault = modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
    if (exported && isDefault) names.add('default');
    if (exported && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.add(statement.name.text);
    if (exported && ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
    if (ts.isExportAssignment(statement)) names.add('default');
    if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause) unknowable = true;
      else if (ts.isNamedExports(statement.exportClause)) for (const element of statement.exportClause.elements) names.add(element.name.text);
      else names.add(statement.exportClause.name.text);
    }
    if (ts.isExpressionStatement(statement)) commonJsExports(statement.expression, names, () => (unknowable = true));
  }
  return unknowable ? null : names;
}

function commonJsExports(expression: ts.Expression, names: Set<string>, unknowable: () => void): void {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = expression.left.getText();
  const exportsMember = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
  if (exportsMember) {
    names.add(exportsMember[1]!);
    return;
  }
  if (target === 'module.exports') {
    if (ts.isObjectLiteralExpression(expression.right)) {
      for (const property of expression.right.properties) if (property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) names.add(property.name.text);
    } else {
      unknowable();
    }
  }
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (fileName.endsWith('.ts')) return ts.ScriptKind.TS;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}
