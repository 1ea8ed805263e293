import type { Diagnostic } from '../../common/types';
import { handlerDiagnostics, type HandlerFiles } from './handler-checks';
import { moduleDiagnostics } from './module-checks';
import { manifestDiagnostic, parseManifest, type ParsedManifest } from './parsed-manifest';
import { permissionDiagnostics } from './permission-checks';
import { resourceDiagnostics } from './resource-checks';
import { schemaDiagnostics } from './schema-diagnostics';
import type { SchemaValidator } from './schema-validator';

/** Everything the manifest alone says: YAML, schema, modules, functions and handlers, permissions. */
export async function checkManifest(
  text: string,
  schema: Pick<SchemaValidator, 'isReady' | 'validate'>,
  handlers: HandlerFiles,
  options: { waitForSchema: boolean } = { waitForSchema: true },
): Promise<{ parsed: ParsedManifest; diagnostics: Diagnostic[] }> {
  const parsed = parseManifest(text);
  const diagnostics = [...parsed.problems];
  if (parsed.value === null || typeof parsed.value !== 'object') {
    if (parsed.document && parsed.problems.length === 0) {
      diagnostics.push(manifestDiagnostic('error', 'manifest-empty', 'manifest.yml is empty. A Forge manifest needs at least app (id and runtime), modules and permissions.', parsed.rangeOf(null)));
    }
    return { parsed, diagnostics };
  }
  // While the schema compiles (seconds, once), the editor gets every other check at once rather than waiting.
  const schemaPending = !options.waitForSchema && !schema.isReady();
  const [schemaProblems, handlerProblems, resourceProblems] = await Promise.all([
    schemaPending
      ? Promise.resolve([manifestDiagnostic('info', 'schema-pending', 'Loading the manifest schema; schema checks follow in a moment.', parsed.rangeOf(null))])
      : schema.validate(parsed.value).then(
          (violations) => schemaDiagnostics(parsed, violations),
          (error: Error) => [manifestDiagnostic('info', 'schema-unavailable', `Schema checks are unavailable: ${error.message}`, parsed.rangeOf(null))],
        ),
    handlerDiagnostics(parsed, handlers),
    resourceDiagnostics(parsed, handlers.appFolder),
  ]);
  diagnostics.push(...schemaProblems, ...moduleDiagnostics(parsed), ...permissionDiagnostics(parsed), ...handlerProblems, ...resourceProblems);
  return { parsed, diagnostics };
}
