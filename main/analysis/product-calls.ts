import ts from 'typescript';
import { type CalledName, literalText, placeOf, stringValue, unwrapExpression } from './ast-helpers';
import { clientIdentityOf, type FileKnowledge } from './file-knowledge';
import type { ScanContext } from './scan-context';
import type { ProductCall } from './source-facts';

const PRODUCT_OF_FUNCTION: Record<string, ProductCall['product']> = {
  requestJira: 'jira',
  requestConfluence: 'confluence',
  requestBitbucket: 'bitbucket',
};

/**
 * A call to a product REST API, found the way @forge/lint finds it: any function or method named
 * requestJira, requestConfluence or requestBitbucket, whatever it is called on.
 */
export function productCallOf(call: ts.CallExpression, called: CalledName, context: ScanContext): ProductCall | null {
  if (!Object.hasOwn(PRODUCT_OF_FUNCTION, called.name)) return null;
  return {
    product: PRODUCT_OF_FUNCTION[called.name] as ProductCall['product'],
    method: methodOf(call.arguments[1]),
    path: productPathOf(call.arguments[0]),
    as: identityOf(called.receiver, context.knowledge),
    place: placeOf(context.sourceFile, context.file, called.nameNode),
  };
}

// routeFromAbsolute('https://site/rest/...') keeps only the path and query.
function productPathOf(argument: ts.Expression | undefined): string | null {
  const text = literalText(argument);
  return text === null ? null : text.replace(/^https?:\/\/[^/?#]*/i, '');
}

/** The HTTP method of a product call from its options argument: GET without options, null when it cannot be read. */
export function methodOf(options: ts.Expression | undefined): string | null {
  if (options === undefined) return 'GET';
  const object = unwrapExpression(options);
  if (!ts.isObjectLiteralExpression(object)) return null;
  let method: string | null = 'GET';
  for (const property of object.properties) {
    // A spread may bring its own method; a later literal one still wins.
    if (ts.isSpreadAssignment(property)) method = null;
    else if (propertyNameOf(property) === 'method') {
      const value = ts.isPropertyAssignment(property) ? stringValue(property.initializer) : null;
      method = value === null ? null : value.toUpperCase();
    }
  }
  return method;
}

function propertyNameOf(property: ts.ObjectLiteralElementLike): string | null {
  const name = property.name;
  if (name === undefined) return null;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return stringValue(name.expression);
  return null;
}

// `api.asApp().requestJira`, `asUser().requestJira`, or `client.requestJira` with `const client = api.asUser()`.
function identityOf(receiver: ts.Expression | null, knowledge: FileKnowledge): ProductCall['as'] {
  if (receiver === null) return 'default';
  if (ts.isIdentifier(receiver)) return knowledge.clients.get(receiver.text) ?? 'default';
  return clientIdentityOf(receiver) ?? 'default';
}
