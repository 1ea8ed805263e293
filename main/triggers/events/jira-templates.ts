import { isoTime, OTHER_USER_ID, productEventBase, restLink, type TemplateBuilder, type TemplateContext } from './template-context';

// Jira payload shapes, written from Atlassian's events reference: `issue` with `fields`, `comment`,
// `changelog` on updates, and the object of the event (worklog, version, project…) under its own name.

const ISSUE_ID = '10001';
const PROJECT_ID = '10000';

function jiraProject(context: TemplateContext): Record<string, unknown> {
  return {
    self: restLink(context, 'jira', `/rest/api/3/project/${PROJECT_ID}`),
    id: PROJECT_ID,
    key: 'DEMO',
    name: 'Demo project',
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: { '48x48': restLink(context, 'jira', `/rest/api/3/universal_avatar/view/type/project/avatar/10400`) },
  };
}

function issueStatus(context: TemplateContext): Record<string, unknown> {
  return {
    self: restLink(context, 'jira', '/rest/api/3/status/10000'),
    description: '',
    name: 'To Do',
    id: '10000',
    statusCategory: { self: restLink(context, 'jira', '/rest/api/3/statuscategory/2'), id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  };
}

function jiraIssue(context: TemplateContext, assignee: string | null = null): Record<string, unknown> {
  const created = isoTime(context.now - 60_000);
  return {
    id: ISSUE_ID,
    key: 'DEMO-1',
    fields: {
      summary: 'Checkout fails when the cart is empty',
      issuetype: {
        self: restLink(context, 'jira', '/rest/api/3/issuetype/10002'),
        id: '10002',
        description: 'A small, distinct piece of work.',
        name: 'Task',
        subtask: false,
        avatarId: 10318,
        hierarchyLevel: 0,
      },
      creator: { accountId: context.accountId },
      created,
      project: jiraProject(context),
      reporter: { accountId: context.accountId },
      assignee: assignee === null ? null : { accountId: assignee },
      updated: isoTime(context.now),
      status: issueStatus(context),
      priority: { id: '3', name: 'Medium' },
      labels: [],
    },
  };
}

/** Atlassian Document Format: comment and worklog bodies arrive as ADF, not plain text. */
function adf(text: string): Record<string, unknown> {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

function jiraComment(context: TemplateContext): Record<string, unknown> {
  return {
    id: '10050',
    self: restLink(context, 'jira', `/rest/api/3/issue/${ISSUE_ID}/comment/10050`),
    author: { accountId: context.accountId },
    updateAuthor: { accountId: context.accountId },
    body: adf('I can reproduce this on staging.'),
    created: isoTime(context.now),
    updated: isoTime(context.now),
    jsdPublic: true,
  };
}

function changeItem(field: string, fromString: string | null, toString: string | null, from: string | null = null, to: string | null = null) {
  return { field, fieldtype: 'jira', fieldId: field, from, fromString, to, toString };
}

function issueEvent(extra: (context: TemplateContext) => Record<string, unknown> = () => ({})): TemplateBuilder {
  return (context) => ({ ...productEventBase(context), issue: jiraIssue(context), associatedUsers: [{ accountId: context.accountId }], ...extra(context) });
}

const updatedIssue: TemplateBuilder = (context) => {
  const issue = jiraIssue(context);
  (issue.fields as Record<string, unknown>).summary = 'Checkout fails when the cart is empty (iOS only)';
  return {
    ...productEventBase(context),
    issue,
    associatedUsers: [{ accountId: context.accountId }],
    changelog: { id: '10200', items: [changeItem('summary', 'Checkout fails when the cart is empty', 'Checkout fails when the cart is empty (iOS only)')] },
  };
};

const assignedIssue: TemplateBuilder = (context) => ({
  ...productEventBase(context),
  issue: jiraIssue(context, OTHER_USER_ID),
  associatedUsers: [{ accountId: OTHER_USER_ID }],
  changelog: { id: '10201', items: [changeItem('assignee', null, 'Alana Grant', null, OTHER_USER_ID)] },
});

const commentEvent: TemplateBuilder = (context) => ({ ...productEventBase(context), issue: jiraIssue(context), comment: jiraComment(context) });

const mentionedComment: TemplateBuilder = (context) => ({ ...commentEvent(context), associatedUsers: [{ accountId: OTHER_USER_ID }] });

const worklogEvent: TemplateBuilder = (context) => ({
  ...productEventBase(context),
  worklog: {
    id: '10300',
    issueId: ISSUE_ID,
    author: { accountId: context.accountId },
    updateAuthor: { accountId: context.accountId },
    comment: adf('Investigated the empty-cart path.'),
    started: isoTime(context.now - 3_600_000),
    timeSpent: '1h',
    timeSpentSeconds: 3600,
    created: isoTime(context.now),
    updated: isoTime(context.now),
  },
});

function versionEvent(released: boolean, archived: boolean): TemplateBuilder {
  return (context) => ({
    ...productEventBase(context),
    version: {
      self: restLink(context, 'jira', '/rest/api/3/version/10400'),
      id: '10400',
      name: '1.2.0',
      description: 'Spring release',
      archived,
      released,
      releaseDate: isoTime(context.now).slice(0, 10),
      overdue: false,
      projectId: Number(PROJECT_ID),
    },
  });
}

const projectEvent: TemplateBuilder = (context) => ({ ...productEventBase(context), project: { ...jiraProject(context), lead: { accountId: context.accountId } } });

const issueLinkEvent: TemplateBuilder = (context) => ({
  ...productEventBase(context),
  issueLink: {
    id: '10500',
    sourceIssueId: Number(ISSUE_ID),
    destinationIssueId: 10002,
    issueLinkType: { id: '10000', name: 'Blocks', outwardName: 'blocks', inwardName: 'is blocked by', isSubTaskLinkType: false, isSystemLinkType: false },
  },
});

const attachmentEvent: TemplateBuilder = (context) => ({
  ...productEventBase(context),
  attachment: { id: '10600', issueId: ISSUE_ID, fileName: 'screenshot.png', author: { accountId: context.accountId }, created: isoTime(context.now), size: 48213, mimeType: 'image/png' },
});

const componentEvent: TemplateBuilder = (context) => ({
  ...productEventBase(context),
  component: { id: '10700', name: 'Checkout', description: 'Cart and payment', projectId: Number(PROJECT_ID), lead: { accountId: context.accountId }, assigneeType: 'PROJECT_DEFAULT' },
});

function sprintEvent(state: 'future' | 'active' | 'closed'): TemplateBuilder {
  return (context) => ({
    ...productEventBase(context),
    sprint: {
      id: 11,
      self: restLink(context, 'jira', '/rest/agile/1.0/sprint/11'),
      state,
      name: 'DEMO Sprint 4',
      startDate: isoTime(context.now),
      endDate: isoTime(context.now + 14 * 86_400_000),
      originBoardId: 1,
      goal: 'Ship the new checkout',
    },
  });
}

function verbs(noun: string, list: string[], builder: TemplateBuilder, prefix = 'avi:jira'): [string, TemplateBuilder][] {
  return list.map((verb) => [`${prefix}:${verb}:${noun}`, builder]);
}

export const JIRA_TEMPLATES: ReadonlyMap<string, TemplateBuilder> = new Map<string, TemplateBuilder>([
  ['avi:jira:created:issue', issueEvent()],
  ['avi:jira:updated:issue', updatedIssue],
  ['avi:jira:deleted:issue', issueEvent()],
  ['avi:jira:assigned:issue', assignedIssue],
  ['avi:jira:viewed:issue', issueEvent()],
  ['avi:jira:mentioned:issue', issueEvent(() => ({ associatedUsers: [{ accountId: OTHER_USER_ID }] }))],
  ['avi:jira:commented:issue', commentEvent],
  ['avi:jira:deleted:comment', commentEvent],
  ['avi:jira:mentioned:comment', mentionedComment],
  ...verbs('worklog', ['created', 'updated', 'deleted'], worklogEvent),
  ...verbs('version', ['created', 'updated', 'deleted', 'unreleased', 'unarchived'], versionEvent(false, false)),
  ['avi:jira:released:version', versionEvent(true, false)],
  ['avi:jira:archived:version', versionEvent(false, true)],
  ...verbs('project', ['created', 'updated', 'archived', 'unarchived', 'softdeleted', 'restored', 'deleted'], projectEvent),
  ...verbs('issuelink', ['created', 'deleted'], issueLinkEvent),
  ...verbs('attachment', ['created', 'deleted'], attachmentEvent),
  ...verbs('component', ['created', 'updated', 'deleted'], componentEvent),
  ...verbs('sprint', ['created', 'updated', 'deleted'], sprintEvent('future'), 'avi:jira-software'),
  ['avi:jira-software:started:sprint', sprintEvent('active')],
  ['avi:jira-software:closed:sprint', sprintEvent('closed')],
]);
