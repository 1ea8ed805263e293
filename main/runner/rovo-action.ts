import { AnvilError, anything, passes, recordOf } from '../contract';
import type { ModuleEntry } from '../manifest';
import type { Installation } from './gateway/installation';

/** One entry of an `action` module's `inputs` map in the manifest. */
export interface ActionInput {
  name: string;
  type: string;
  required: boolean;
}

/** The input types an action may declare, and the JSON value each accepts. */
const ACCEPTS: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  integer: (value) => typeof value === 'number' && Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
};
/** A manifest entry or a payload: any object, read field by field. */
const anyObject = recordOf(anything);
const SAMPLE: Record<string, unknown> = { string: '', number: 0, integer: 0, boolean: false };

/** The inputs an `action` module declares, in manifest order. */
export function actionInputs(module: ModuleEntry): ActionInput[] {
  const inputs = module.value.inputs;
  if (!passes(inputs, anyObject)) return [];
  return Object.entries(inputs).map(([name, declared]) => {
    const input = passes(declared, anyObject) ? declared : {};
    return { name, type: typeof input.type === 'string' ? input.type : 'string', required: input.required === true };
  });
}

/** A payload to start from: every declared input with an empty value of its type. */
export function actionPayloadTemplate(module: ModuleEntry): Record<string, unknown> {
  return Object.fromEntries(actionInputs(module).map((input) => [input.name, SAMPLE[input.type] ?? '']));
}

/**
 * What Rovo passes an action's function: the inputs the agent collected, at the top level, and a
 * `context` naming the site, the module and where the user is chatting (an issue in Jira, a page in
 * Confluence). Rovo asks the user for a required input before it calls the action, so an invocation
 * without one, or with a value of the wrong type, is refused here instead of run.
 */
export function actionPayload(module: ModuleEntry, installation: Installation, cloudId: string, given: unknown): Record<string, unknown> {
  const values = given === undefined || given === null ? {} : given;
  if (!passes(values, anyObject)) throw refusal(module, `its payload is the action's inputs as a JSON object, not ${Array.isArray(values) ? 'an array' : typeof values}`);
  for (const input of actionInputs(module)) {
    const value = Object.hasOwn(values, input.name) ? values[input.name] : undefined;
    if (value === undefined || value === null) {
      if (input.required) throw refusal(module, `the input "${input.name}" is required in the manifest and Rovo always supplies it`);
      continue;
    }
    const accepts = ACCEPTS[input.type];
    if (accepts && !accepts(value)) throw refusal(module, `the input "${input.name}" is declared as ${input.type}, but the payload gives ${JSON.stringify(value)}`);
  }
  const context = values.context !== null && typeof values.context === 'object' ? values.context : actionContext(module, installation, cloudId);
  return { ...values, context };
}

function actionContext(module: ModuleEntry, installation: Installation, cloudId: string): Record<string, unknown> {
  const site = `https://${installation.site}`;
  const base = { cloudId, moduleKey: module.key };
  if (installation.product === 'jira') {
    return { ...base, jira: { url: `${site}/browse/DEMO-1`, resourceType: 'issue', issueKey: 'DEMO-1', issueId: 10001, issueType: 'Task', issueTypeId: 10002, projectKey: 'DEMO', projectId: 10000 } };
  }
  if (installation.product === 'confluence') {
    return { ...base, confluence: { url: `${site}/wiki/spaces/DEMO/pages/65537`, resourceType: 'page', contentId: '65537', spaceKey: 'DEMO', spaceId: '98305' } };
  }
  return base;
}

function refusal(module: ModuleEntry, reason: string): AnvilError {
  const template = JSON.stringify(actionPayloadTemplate(module));
  return new AnvilError('bad-request', `Rovo would not call the action "${module.key}": ${reason}. Give its inputs as the payload, e.g. ${template}.`);
}
