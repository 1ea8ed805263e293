import ts from 'typescript';
import { parseSource, unwrapExpression } from './ast-helpers';

/** The 0-based place of the name a module exports as `name`, ES or CommonJS; null when it exports no such name. */
export function exportPlace(file: string, text: string, name: string): ts.LineAndCharacter | null {
  const source = parseSource(file, text);
  const at = (node: ts.Node): ts.LineAndCharacter => source.getLineAndCharacterOfPosition(node.getStart(source));
  // Top-level functions, classes and variables by name: `export { run }` and `module.exports = { run }` lead to them.
  const declared = new Map<string, ts.Node>();
  for (const statement of source.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) declared.set(statement.name.text, statement.name);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) declared.set(declaration.name.text, declaration.name);
    }
  }
  const local = (localName: string, fallback: ts.Node): ts.LineAndCharacter => at(declared.get(localName) ?? fallback);
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    const exported = modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    const isDefault = modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
    if (exported && isDefault && name === 'default') return at(statement);
    if (exported && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return at(statement.name);
    if (exported && ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return at(declaration.name);
    }
    if (ts.isExportAssignment(statement) && name === 'default') return at(statement);
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        if (element.name.text !== name) continue;
        const localName = (element.propertyName ?? element.name).text;
        return statement.moduleSpecifier ? at(element.name) : local(localName, element.name);
      }
    }
    if (ts.isExpressionStatement(statement)) {
      const place = commonJsExportPlace(statement.expression, name, local, at);
      if (place !== null) return place;
    }
  }
  return null;
}

function commonJsExportPlace(
  expression: ts.Expression,
  name: string,
  local: (localName: string, fallback: ts.Node) => ts.LineAndCharacter,
  at: (node: ts.Node) => ts.LineAndCharacter,
): ts.LineAndCharacter | null {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return null;
  const target = unwrapExpression(expression.left);
  // exports.run = … and module.exports.run = …
  if (ts.isPropertyAccessExpression(target) && target.name.text === name && isExportsObject(target.expression)) return at(target.name);
  // module.exports = { run, other: … }
  const right = unwrapExpression(expression.right);
  if (isModuleExports(target) && ts.isObjectLiteralExpression(right)) {
    for (const property of right.properties) {
      if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return local(name, property.name);
      if ((ts.isPropertyAssignment(property) || ts.isMethodDeclaration(property)) && propertyName(property.name) === name) {
        const value = ts.isPropertyAssignment(property) ? unwrapExpression(property.initializer) : null;
        return value !== null && ts.isIdentifier(value) ? local(value.text, property.name) : at(property.name);
      }
    }
  }
  return null;
}

function isModuleExports(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}

function isExportsObject(node: ts.Expression): boolean {
  const inner = unwrapExpression(node);
  return (ts.isIdentifier(inner) && inner.text === 'exports') || isModuleExports(inner);
}

function propertyName(node: ts.PropertyName): string | null {
  return ts.isIdentifier(node) || ts.isStringLiteral(node) ? node.text : null;
}
