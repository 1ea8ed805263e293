/** Monaco with the grammars the source viewer colours app code with; each grammar loads when first used. */
import { monaco } from '../features/manifest-editor/monaco-setup';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';

export { monaco };
