import ts from 'typescript';
import { calledName, parseSource, walkNodes } from './ast-helpers';
import { fetchCallOf } from './egress-calls';
import { emptyKnowledge, learnFrom } from './file-knowledge';
import { productCallOf } from './product-calls';
import { invokeOf, resolverDefinitionOf, unreadResolverDefinitionOf } from './resolver-keys';
import type { ScanContext } from './scan-context';
import { factsWithoutParsing } from './scan-precheck';
import { serviceImportOf } from './service-imports';
import { emptyFacts, type SourceFacts } from './source-facts';
import { storageUseOf } from './storage-calls';
import { uiHookOf } from './ui-hooks';
import { webTriggerUseOf } from './web-trigger-calls';

/**
 * What one source file does with Forge APIs. Never throws: a file with syntax errors is scanned as far as
 * the parser recovers, and a file that cannot be scanned at all says why in `problem`.
 */
export function scanSource(file: string, text: string): SourceFacts {
  const relative = file.split('\\').join('/');
  try {
    return scanText(relative, text);
  } catch (error) {
    return emptyFacts(relative, problemOf(error));
  }
}

function scanText(file: string, text: string): SourceFacts {
  // Most files of an app name no Forge API at all; they need no syntax tree.
  const unparsed = factsWithoutParsing(file, text);
  if (unparsed !== null) return unparsed;
  const sourceFile = parseSource(file, text);
  const context: ScanContext = { sourceFile, file, knowledge: emptyKnowledge() };
  // One walk gathers the calls and what the whole file says (imports, clients); the finders then see both.
  const calls: ts.CallExpression[] = [];
  const facts = emptyFacts(file);
  walkNodes(sourceFile, (node) => {
    learnFrom(node, context.knowledge);
    if (ts.isCallExpression(node)) calls.push(node);
    const serviceImport = serviceImportOf(node, context);
    if (serviceImport !== null) facts.serviceImports.push(serviceImport);
  });
  for (const call of calls) {
    const called = calledName(call);
    if (called === null) continue;
    const productCall = productCallOf(call, called, context);
    if (productCall !== null) facts.productCalls.push(productCall);
    const fetchCall = fetchCallOf(call, called, context);
    if (fetchCall !== null) facts.fetches.push(fetchCall);
    const storageUse = storageUseOf(call, called, context);
    if (storageUse !== null) facts.storageUses.push(storageUse);
    const webTriggerUse = webTriggerUseOf(call, called, context);
    if (webTriggerUse !== null) facts.webTriggerUses.push(webTriggerUse);
    const definition = resolverDefinitionOf(call, called, context);
    if (definition !== null) facts.resolverDefinitions.push(definition);
    const unread = unreadResolverDefinitionOf(call, called, context);
    if (unread !== null) facts.unreadResolverDefinitions.push(unread);
    const invoke = invokeOf(call, called, context);
    if (invoke !== null) facts.invokes.push(invoke);
    const hook = uiHookOf(call, called, context);
    if (hook !== null) facts.uiHooks.push(hook);
  }
  return facts;
}

function problemOf(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'nested too deeply to scan';
  return `could not be scanned: ${error instanceof Error ? error.message : String(error)}`;
}
