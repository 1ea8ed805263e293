import type { Diagnostic } from '../../common/types';
import { appendToSequence, manifestDiagnostic, modulesOf, type ParsedManifest } from '../manifest';
import { listKeyRange } from './finding-anchor';
import type { SourceFacts } from './source-facts';

/** A platform service, the module that turns it on, and the entry a fix adds (the platform's own examples). */
interface ServiceModule {
  packageName: string;
  title: string;
  moduleType: string;
  entry: { block: string; flow: string };
  /** What the platform answers the service's calls without the module. */
  without: string;
}

const SERVICE_MODULES: readonly ServiceModule[] = [
  {
    packageName: '@forge/sql',
    title: 'Forge SQL',
    moduleType: 'sql',
    entry: { block: 'key: main\nengine: mysql', flow: '{ key: main, engine: mysql }' },
    without: 'every SQL call is refused (APP_NOT_ENABLED)',
  },
  {
    packageName: '@forge/llm',
    title: 'Forge LLMs',
    moduleType: 'llm',
    entry: { block: 'key: llm\nmodel:\n  - claude', flow: '{ key: llm, model: [claude] }' },
    without: 'every chat() and list() is refused',
  },
];

/**
 * A platform service the code imports (`@forge/sql`, `@forge/llm`) whose module the manifest does not
 * declare: an error on `modules`, with a fix that adds the module, as a missing scope has.
 */
export function moduleFindings(parsed: ParsedManifest, facts: readonly SourceFacts[]): Diagnostic[] {
  const declared = new Set(modulesOf(parsed.value).map((module) => module.type));
  const diagnostics: Diagnostic[] = [];
  for (const service of SERVICE_MODULES) {
    if (declared.has(service.moduleType)) continue;
    const imports = facts.flatMap((file) => file.serviceImports.filter((use) => use.api === service.packageName));
    if (imports.length === 0) continue;
    const first = imports[0]!.place;
    const more = imports.length > 1 ? ` and ${imports.length - 1} more place${imports.length > 2 ? 's' : ''}` : '';
    const diagnostic = manifestDiagnostic(
      'error',
      'module-missing',
      `${service.title} is used by ${first.file}:${first.line} (imports ${service.packageName})${more}, but modules declares no ${service.moduleType} module, so ${service.without}.`,
      listKeyRange(parsed, ['modules']),
    );
    diagnostic.fixes.push({ title: `Add the ${service.moduleType} module`, edits: [appendToSequence(parsed, ['modules', service.moduleType], service.entry)] });
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
