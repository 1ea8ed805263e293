import type ts from 'typescript';
import { type CalledName, placeOf } from './ast-helpers';
import type { ScanContext } from './scan-context';
import type { UiHookUse } from './source-facts';

/** The UI Kit hooks (@forge/react) that @forge/lint ties to scopes. */
export const SCOPED_UI_HOOKS: readonly string[] = ['useIssueProperty', 'useContentProperty', 'useSpaceProperty'];

/** A call to a UI Kit hook that needs scopes. */
export function uiHookOf(call: ts.CallExpression, called: CalledName, context: ScanContext): UiHookUse | null {
  if (!SCOPED_UI_HOOKS.includes(called.name)) return null;
  return { hook: called.name, place: placeOf(context.sourceFile, context.file, call) };
}
