/**
 * Grammars for the app's files and the TypeScript/JavaScript language service (diagnostics, hover,
 * completion, go to definition across the open files). Imported by the app-file editor only, so
 * nothing of it loads with the workbench; the service's code and its worker start when the first
 * JavaScript or TypeScript model is created (Monaco loads a language's mode on first use).
 */
import { monaco } from '../manifest-editor/monaco-setup';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/css/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/features/json/register';
import { javascriptDefaults, typescriptDefaults, JsxEmit, ModuleKind, ModuleResolutionKind, ScriptTarget } from 'monaco-editor/languages/features/typescript/register';

/**
 * Forge apps: ES modules bundled by the Forge CLI, JSX for UI Kit and Custom UI, JavaScript mixed
 * with TypeScript. The standard library ships inside the worker (no lib is fetched).
 */
const COMPILER_OPTIONS = {
  target: ScriptTarget.ESNext,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.NodeJs,
  jsx: JsxEmit.React,
  allowJs: true,
  checkJs: false,
  allowNonTsExtensions: true,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  isolatedModules: true,
  noEmit: true,
  strict: false,
};

/**
 * Only the open files are known to the service, so a module it cannot see (a package, or a file
 * not open) is not an error here: the Forge CLI's bundler is the judge of that.
 * 2307 cannot find module; 2792 cannot find module (moduleResolution hint); 7016 no declaration file.
 */
const UNKNOWN_MODULE_CODES = [2307, 2792, 7016];

/** What the Forge runtime gives every function that the standard library does not declare. */
const FORGE_RUNTIME_GLOBALS = `
declare var process: { env: Record<string, string | undefined> };
`;

typescriptDefaults.setCompilerOptions(COMPILER_OPTIONS);
javascriptDefaults.setCompilerOptions(COMPILER_OPTIONS);
typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false, diagnosticCodesToIgnore: UNKNOWN_MODULE_CODES });
javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false, diagnosticCodesToIgnore: UNKNOWN_MODULE_CODES });
typescriptDefaults.addExtraLib(FORGE_RUNTIME_GLOBALS, 'anvil:forge-runtime.d.ts');
javascriptDefaults.addExtraLib(FORGE_RUNTIME_GLOBALS, 'anvil:forge-runtime.d.ts');

export { monaco };
