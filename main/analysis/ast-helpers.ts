import ts from 'typescript';
import type { SourcePlace } from './source-facts';

/** How TypeScript should read a file, from its extension (JSX is allowed in .js files too). */
export function scriptKindOf(file: string): ts.ScriptKind {
  const extension = file.slice(file.lastIndexOf('.')).toLowerCase();
  if (extension === '.ts' || extension === '.mts' || extension === '.cts') return ts.ScriptKind.TS;
  if (extension === '.tsx') return ts.ScriptKind.TSX;
  if (extension === '.jsx') return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** The syntax tree of a JS/JSX/TS/TSX file; TypeScript recovers from syntax errors, so there is always a tree. */
export function parseSource(file: string, text: string): ts.SourceFile {
  const options: ts.CreateSourceFileOptions = {
    languageVersion: ts.ScriptTarget.Latest,
    // Comments carry no calls; skipping JSDoc keeps large files fast.
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
  };
  // No parent links: the finders only look down the tree, and linking parents is a second (recursive) pass.
  return ts.createSourceFile(file, text, options, false, scriptKindOf(file));
}

/** Visit every node in source order, with an explicit stack so deep trees cannot overflow. */
export function walkNodes(root: ts.Node, visit: (node: ts.Node) => void): void {
  const pending: ts.Node[] = [root];
  const push = (child: ts.Node): undefined => {
    pending.push(child);
    return undefined;
  };
  while (pending.length > 0) {
    const node = pending.pop() as ts.Node;
    visit(node);
    // Children arrive first to last; reverse them in place so the first is taken next.
    let low = pending.length;
    ts.forEachChild(node, push);
    for (let high = pending.length - 1; low < high; low += 1, high -= 1) {
      const child = pending[low] as ts.Node;
      pending[low] = pending[high] as ts.Node;
      pending[high] = child;
    }
  }
}

/** The expression without wrapping that does not change its value: `(x)`, `x!`, `x as T`, `x satisfies T`, `(0, x)`. */
export function unwrapExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current)) current = current.expression;
    else if (ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) current = current.expression;
    else if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.CommaToken) current = current.right;
    else return current;
  }
}

/** What a call calls: `requestJira` in `api.asApp().requestJira(...)`, with the object it is called on (`api.asApp()`), if any. */
export interface CalledName {
  name: string;
  /** The node of the name, where a finding is placed. */
  nameNode: ts.Node;
  receiver: ts.Expression | null;
}

/** The name a call (or `new`) expression calls, or null when it calls something computed. */
export function calledName(call: ts.CallExpression | ts.NewExpression): CalledName | null {
  const callee = unwrapExpression(call.expression);
  if (ts.isIdentifier(callee)) return { name: callee.text, nameNode: callee, receiver: null };
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    return { name: callee.name.text, nameNode: callee.name, receiver: unwrapExpression(callee.expression) };
  }
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return { name: callee.argumentExpression.text, nameNode: callee.argumentExpression, receiver: unwrapExpression(callee.expression) };
  }
  return null;
}

/** The text of a string literal or a template without expressions, else null. */
export function stringValue(expression: ts.Expression | undefined): string | null {
  if (expression === undefined) return null;
  const inner = unwrapExpression(expression);
  return ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) ? inner.text : null;
}

const ROUTE_FUNCTIONS = new Set(['assumeTrustedRoute', 'routeFromAbsolute']);

/**
 * The text of a string built in place, with each expression written `{}`: literals, templates, tagged templates
 * (route`...`), `assumeTrustedRoute('...')` and `'...' + x` concatenations that start with a literal. Null when dynamic.
 */
export function literalText(expression: ts.Expression | undefined): string | null {
  if (expression === undefined) return null;
  const inner = unwrapExpression(expression);
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return inner.text;
  if (ts.isTemplateExpression(inner)) return templateText(inner);
  if (ts.isTaggedTemplateExpression(inner)) {
    return ts.isNoSubstitutionTemplateLiteral(inner.template) ? templatePart(inner.template) : templateText(inner.template);
  }
  if (ts.isCallExpression(inner)) {
    const called = calledName(inner);
    return called !== null && ROUTE_FUNCTIONS.has(called.name) ? literalText(inner.arguments[0]) : null;
  }
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) return concatenationText(inner);
  return null;
}

function templateText(template: ts.TemplateExpression): string {
  let text = templatePart(template.head);
  for (const span of template.templateSpans) text += `{}${templatePart(span.literal)}`;
  return text;
}

// Tagged templates may hold escapes that have no cooked value; fall back to the raw text.
function templatePart(part: ts.TemplateLiteralLikeNode): string {
  return part.text ?? part.rawText ?? '';
}

// `'/a/' + b + '/c'`: flattened without recursion (long chains nest to the left).
function concatenationText(expression: ts.BinaryExpression): string | null {
  const operands: ts.Expression[] = [];
  let current: ts.Expression = expression;
  for (;;) {
    const inner = unwrapExpression(current);
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      operands.push(inner.right);
      current = inner.left;
    } else {
      operands.push(inner);
      break;
    }
  }
  operands.reverse();
  const first = stringOrTemplateText(operands[0]);
  if (first === null) return null;
  let text = first;
  for (const operand of operands.slice(1)) text += stringOrTemplateText(operand) ?? '{}';
  return text.replace(/(\{\})+/g, '{}');
}

function stringOrTemplateText(expression: ts.Expression | undefined): string | null {
  if (expression === undefined) return null;
  const inner = unwrapExpression(expression);
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return inner.text;
  return ts.isTemplateExpression(inner) ? templateText(inner) : null;
}

/** The 1-based line and column where a node starts. */
export function placeOf(sourceFile: ts.SourceFile, file: string, node: ts.Node): SourcePlace {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  return { file, line: line + 1, column: character + 1 };
}
