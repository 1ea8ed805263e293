import ts from 'typescript';
import { calledName, unwrapExpression } from './ast-helpers';

/** What the scanner learns about a whole file that a single call cannot tell. */
export interface FileKnowledge {
  /** Modules the file imports or requires, e.g. '@forge/resolver'. */
  modules: Set<string>;
  /** Variables holding a product client: `const client = api.asUser()`. */
  clients: Map<string, 'app' | 'user'>;
  /** Whether the file calls `new Resolver()`. */
  createsResolver: boolean;
}

/** Nothing learnt yet. */
export function emptyKnowledge(): FileKnowledge {
  return { modules: new Set(), clients: new Map(), createsResolver: false };
}

/** Whether a call is `asApp()` or `asUser(...)`, and which. */
export function clientIdentityOf(expression: ts.Expression): 'app' | 'user' | null {
  const inner = unwrapExpression(expression);
  if (!ts.isCallExpression(inner)) return null;
  const name = calledName(inner)?.name;
  return name === 'asApp' ? 'app' : name === 'asUser' ? 'user' : null;
}

/** Add what one node says about the file (imports, requires, product clients, resolvers). */
export function learnFrom(node: ts.Node, knowledge: FileKnowledge): void {
  switch (node.kind) {
    case ts.SyntaxKind.ImportDeclaration:
    case ts.SyntaxKind.ExportDeclaration: {
      const specifier = (node as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier;
      if (specifier !== undefined && ts.isStringLiteral(specifier)) knowledge.modules.add(specifier.text);
      return;
    }
    case ts.SyntaxKind.CallExpression: {
      const call = node as ts.CallExpression;
      const isRequire = ts.isIdentifier(call.expression) && call.expression.text === 'require';
      const isDynamicImport = call.expression.kind === ts.SyntaxKind.ImportKeyword;
      const specifier = call.arguments[0];
      if ((isRequire || isDynamicImport) && specifier !== undefined && ts.isStringLiteralLike(specifier)) knowledge.modules.add(specifier.text);
      return;
    }
    case ts.SyntaxKind.VariableDeclaration: {
      const declaration = node as ts.VariableDeclaration;
      if (!ts.isIdentifier(declaration.name) || declaration.initializer === undefined) return;
      const identity = clientIdentityOf(declaration.initializer);
      if (identity !== null) knowledge.clients.set(declaration.name.text, identity);
      return;
    }
    case ts.SyntaxKind.NewExpression:
      if (calledName(node as ts.NewExpression)?.name === 'Resolver') knowledge.createsResolver = true;
      return;
    default:
      return;
  }
}
