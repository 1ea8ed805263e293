// What the platform sends each kind of entry point, filled with the same made-up site the runner's
// fixtures use (issue DEMO-1 in project DEMO, page 65537 in space DEMO).

const ISSUE = { issueKey: 'DEMO-1', issueId: '10001', issueType: 'Task', issueTypeId: '10002', projectKey: 'DEMO', projectId: '10000' };
const PAGE = { contentId: '65537', spaceKey: 'DEMO', spaceId: '98305' };

/**
 * The first call UI Kit 1 makes to a render function: an `initialize` effect with the product
 * context the old renderer put in `payload.context` (platformContext, extensionContext).
 */
export function uiKit1Payload(moduleType: string, moduleKey: string | null, isConfig: boolean): Record<string, unknown> {
  const jira = moduleType.startsWith('jira:');
  const platformContext = jira ? { type: 'jira', ...ISSUE } : { type: 'confluence', ...PAGE };
  return {
    effects: [{ type: 'initialize' }],
    state: {},
    config: {},
    context: {
      cloudId: 'local-cloud',
      localId: `${moduleKey ?? 'config'}-local`,
      moduleKey,
      accountType: 'licensed',
      environmentType: 'DEVELOPMENT',
      isConfig,
      ...(jira ? {} : PAGE),
      platformContext,
      extensionContext: { type: moduleType, ...(moduleType === 'macro' ? { config: {} } : {}) },
    },
  };
}

/** A sample value for each declared Rovo action input, and the context Rovo adds for a Jira issue. */
export function rovoActionPayload(inputs: Record<string, { type?: string }>): Record<string, unknown> {
  const values = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, sampleValue(name, input.type)]));
  // An app that declares an input named `context` gets its own value there (Rovo fills it from the chat).
  if ('context' in values) return values;
  return {
    ...values,
    context: {
      cloudId: 'local-cloud',
      moduleKey: 'rovo-action',
      jira: { url: 'https://local-jira.atlassian.net/browse/DEMO-1', resourceType: 'issue', ...ISSUE, issueId: Number(ISSUE.issueId), projectId: Number(ISSUE.projectId) },
    },
  };
}

function sampleValue(name: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  if (/issue.?key/i.test(name)) return ISSUE.issueKey;
  if (/project.?key/i.test(name)) return ISSUE.projectKey;
  if (/space.?key/i.test(name)) return PAGE.spaceKey;
  if (/(page|content).?id/i.test(name)) return PAGE.contentId;
  return `sample ${name}`;
}

/** The body a web trigger gets from a plain `curl -X POST -d '{}'`, as the Triggers pane suggests. */
export const WEB_TRIGGER_REQUEST = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };

/** A queue event when nothing the corpus ran pushed one: an empty body, as `trigger` sends by default. */
export function consumerEvent(jobId: string): Record<string, unknown> {
  return { body: {}, jobId };
}
