import { scopeShape } from './scope-shape';

/**
 * Plain-words descriptions, written for Anvil (not Atlassian's wording): every classic, platform and
 * Connect scope, and the granular scopes that the most REST operations accept. Others get a sentence
 * built from their name by describeScope().
 */
const WRITTEN: Readonly<Record<string, string>> = {
  // Jira, classic
  'read:jira-work': 'Read projects and issues with what hangs off them (comments, attachments, worklogs, field values), and run JQL searches.',
  'write:jira-work': 'Create, edit and delete issues, and add comments, attachments and worklogs to them.',
  'read:jira-user': 'Look up Jira users and groups: account IDs, names, avatars, and email addresses where the user lets others see them.',
  'manage:jira-project': 'Change the settings of existing projects and add project-level items such as versions, components and role members.',
  'manage:jira-configuration': 'Act as a Jira administrator: site-wide settings, custom fields, workflows, schemes, issue types, and creating projects.',
  'manage:jira-webhook': 'Register, list, refresh and remove the dynamic webhooks through which the app hears about changes in Jira.',
  'manage:jira-data-provider': 'Send development, build, deployment and feature-flag information from other tools into Jira, and manage what was sent.',
  // Confluence, classic
  'read:confluence-content.summary': 'Read pages, blog posts and comments in their short form (title, version, parents) without their bodies.',
  'read:confluence-content.all': 'Read all content in full, bodies included, with every expansion the REST API offers.',
  'write:confluence-content': 'Create, edit and remove pages, blog posts, comments and labels.',
  'read:confluence-space.summary': 'Read the basic facts of spaces: key, name, type and homepage.',
  'write:confluence-space': 'Create spaces, change their details, and delete them.',
  'write:confluence-file': 'Upload files as attachments to content, and replace attached files.',
  'read:confluence-props': 'Read the key-value properties stored on pages, blog posts and other content.',
  'write:confluence-props': 'Add, change and remove the key-value properties stored on content.',
  'manage:confluence-configuration': 'Act as a Confluence administrator on site-wide settings such as look and feel, themes and system information.',
  'search:confluence': 'Search content and spaces with CQL; results may include summary data about spaces.',
  'read:confluence-user': 'Look up Confluence users: names, profile pictures, and email addresses where the user lets others see them.',
  'read:confluence-groups': 'List groups and see who belongs to them.',
  'write:confluence-groups': 'Create and remove groups and change who is in them. A site administrator must always approve this scope.',
  'read:confluence-content.permission': 'Check whether a given user or group may view or edit a piece of content.',
  'moderate:confluence-content': 'Take moderator actions on content that go beyond editing one’s own work.',
  'moderate:confluence-comments': 'Take moderator actions on comments, including those written by other people.',
  // Jira Service Management, classic
  'read:servicedesk-request': 'Read service desks, request types and customer requests, with their comments, approvals, participants and SLAs.',
  'write:servicedesk-request': 'Raise customer requests and work on them: comment, transition, approve, and add participants.',
  'manage:servicedesk-customer': 'Manage the customers and organizations of service desks, including creating and editing customer accounts.',
  'read:servicemanagement-insight-objects': 'Read Assets (formerly Insight) objects, their types and their schemas.',
  // Forge platform
  'storage:app': 'Keep the app’s own data in Forge hosted storage (key-value store, custom entities, secrets). Product data is not touched.',
  'read:app-system-token': 'Let the app’s remote back end receive a token for calling product APIs as the app itself, not as a user.',
  'read:app-user-token': 'Let the app’s remote back end receive a token for calling product APIs as the current user; only in modules a user interacts with.',
  'report:personal-data': 'Ask Atlassian which of the user accounts the app stores were closed or changed, so the app can erase or refresh that personal data.',
  'read:me': 'Read the profile of the person using the app. Each user is asked to agree before the app gets it.',
  'read:account': 'Read Atlassian account profiles (name, picture, and email where shared). Each user is asked to agree before the app gets them.',
  // Granular scopes accepted by the most operations
  'read:avatar:jira': 'Read the avatars shown for users, projects and issue types.',
  'read:project:jira': 'Read projects: name, key, lead, type and the issue types they use.',
  'read:user:jira': 'Look up Jira users: account IDs, display names and avatars.',
  'read:group:jira': 'Read groups and list their members.',
  'read:project-category:jira': 'Read the categories that projects are sorted into.',
  'read:application-role:jira': 'Read application roles, which decide who may use which Jira product.',
  'read:project-role:jira': 'Read project roles and who holds them in each project.',
  'read:issue-type:jira': 'Read issue types such as Bug, Story or Task, and which projects use them.',
  'read:field:jira': 'Read system and custom fields and how they are set up.',
  'read:workflow:jira': 'Read workflows: their statuses, transitions and rules.',
  'read:page:confluence': 'Read pages: their content, versions, children and properties.',
  'read:comment:confluence': 'Read footer and inline comments on pages, blog posts and other content.',
  'read:project-version:jira': 'Read the versions (releases) of projects and their details.',
  'read:workflow-scheme:jira': 'Read workflow schemes, which tell each project which workflow an issue type follows.',
  'read:issue-type-hierarchy:jira': 'Read the levels of issue types, for example epics above stories above subtasks.',
  'read:project.component:jira': 'Read the components of projects and who leads them.',
  'read:field-configuration:jira': 'Read field configurations: which fields are required, hidden, or described in a particular way.',
  'write:issue:jira': 'Create and edit issues: set their fields, assign, transition and link them.',
  'read:issue:jira': 'Read issues and their field values.',
  'read:issue-details:jira': 'Read the issue data returned by searches, boards and sprints, such as summaries, statuses and field values.',
  'read:jql:jira': 'Run JQL queries and read JQL helpers such as autocomplete suggestions.',
  'read:status:jira': 'Read workflow statuses and their categories.',
  'write:project:jira': 'Create projects and change their details and settings.',
  'write:page:confluence': 'Create pages and edit their titles, bodies and properties.',
  'write:workflow-scheme:jira': 'Create workflow schemes and change which workflows they assign to issue types.',
  'read:attachment:confluence': 'Read and download the files attached to content.',
  'read:custom-content:confluence': 'Read the custom content types that apps keep in Confluence.',
  'read:issue-security-level:jira': 'Read issue security levels, which limit who can see an issue.',
  'read:space:confluence': 'Read spaces: key, name, homepage and description.',
  'read:permission:jira': 'Read permissions, including which ones the current user holds.',
  'read:field.option:jira': 'Read the choices offered by select lists and similar custom fields.',
  'read:filter:jira': 'Read saved filters: their JQL, owners and who they are shared with.',
  'read:issue-meta:jira': 'Read what can be set on issues, for example which fields a create or edit screen offers.',
  'read:issue-worklog.property:jira': 'Read the properties stored on worklogs.',
  'read:comment:jira': 'Read the comments on issues.',
  'read:dashboard:jira': 'Read dashboards and the gadgets on them.',
  'write:field-configuration:jira': 'Create field configurations and change how they treat each field.',
  'read:board-scope.admin:jira-software': 'Read how boards are set up: filter, columns, features, quick filters and properties.',
  'read:issue-worklog:jira': 'Read the time logged on issues.',
  'read:screen:jira': 'Read screens, their tabs and the fields on them.',
  'write:field:jira': 'Create custom fields and change the names, descriptions and contexts of fields.',
  'write:workflow:jira': 'Create workflows and change their statuses, transitions and rules.',
  'read:comment.property:jira': 'Read the properties stored on issue comments.',
  'read:database:confluence': 'Read Confluence databases and their properties.',
  'read:field-configuration-scheme:jira': 'Read field configuration schemes, which pick a field configuration for each issue type.',
  'read:project.property:jira': 'Read the properties that apps store on projects.',
  'read:whiteboard:confluence': 'Read whiteboards and their properties.',
  'write:app-data:jira': 'Write data that belongs to the app itself in Jira, such as values of the app’s own fields and its UI modifications.',
  'write:field-configuration-scheme:jira': 'Create field configuration schemes and change which configuration each issue type uses.',
  'delete:workflow-scheme:jira': 'Delete workflow schemes and their drafts.',
  'read:embed:confluence': 'Read the Smart Link embeds in the content tree and their properties.',
  'read:epic:jira-software': 'Read epics and the issues that belong to them.',
  'read:folder:confluence': 'Read the folders of the content tree.',
  'write:comment:confluence': 'Add comments to content and edit them.',
  'write:dashboard:jira': 'Create and edit dashboards and their gadgets.',
  'write:field.option:jira': 'Add and change the choices offered by select lists and similar custom fields.',
  'write:filter:jira': 'Create and edit saved filters and change who they are shared with.',
  'write:project-role:jira': 'Create project roles and change who holds them.',
  'read:attachment:jira': 'Read and download the files attached to issues.',
  'read:content.metadata:confluence': 'Read the outline of content without its body: titles, types, ancestors and versions.',
  'read:issue-security-scheme:jira': 'Read issue security schemes and the security levels in them.',
  'read:issue.time-tracking:jira': 'Read time-tracking settings and the estimates recorded on issues.',
  'read:permission-scheme:jira': 'Read permission schemes and the permissions they grant.',
  'read:sprint:jira-software': 'Read sprints and the issues in them.',
  'write:comment:jira': 'Add comments to issues and edit them.',
  'write:database:confluence': 'Create Confluence databases and change them.',
  'write:issue-type-scheme:jira': 'Create issue type schemes and change which issue types a project offers.',
  'write:issue-type-screen-scheme:jira': 'Create issue type screen schemes and change which screens each issue type uses.',
  'write:space:confluence': 'Create spaces and change their details.',
  'write:sprint:jira-software': 'Create, start, complete and change sprints, and move issues into them.',
  'write:whiteboard:confluence': 'Create whiteboards and change them.',
};

/** What each Connect-compatibility verb allows, named after the Connect scope it stands for. */
const CONNECT_MEANINGS: Readonly<Record<string, string>> = {
  read: 'read data, like the Connect READ scope',
  write: 'create and change data, like the Connect WRITE scope',
  delete: 'delete data, like the Connect DELETE scope',
  admin: 'administer the product, like the Connect ADMIN scope',
  'act-as-user': 'make requests on behalf of users, like the Connect ACT_AS_USER scope',
  'access-email-addresses': 'see users’ email addresses, like the Connect ACCESS_EMAIL_ADDRESSES scope',
  'project-admin': 'administer projects, like the Connect PROJECT_ADMIN scope',
  'space-admin': 'administer spaces, like the Connect SPACE_ADMIN scope',
};

const ACTION_VERBS: Readonly<Record<string, string>> = {
  read: 'View',
  view: 'View',
  readonly: 'Download',
  write: 'Create and update',
  delete: 'Delete',
  admin: 'Administer',
  manage: 'Manage',
  search: 'Search',
  send: 'Send',
  import: 'Import',
  moderate: 'Moderate',
  validate: 'Validate',
  redact: 'Redact',
  storage: 'Store',
  report: 'Report',
};

const PRODUCT_NAMES: Readonly<Record<string, string>> = {
  jira: 'Jira',
  'jira-software': 'Jira Software',
  'jira-service-management': 'Jira Service Management',
  confluence: 'Confluence',
  bitbucket: 'Bitbucket',
  compass: 'Compass',
  atlassian: 'Atlassian',
  cmdb: 'Assets',
  opsgenie: 'Opsgenie',
  'support-api-gateway': 'the support API gateway',
  'agent-interface': 'the agent interface',
  realtime: 'Forge Realtime',
  teams: 'Atlassian Teams',
  ccg: 'CCG',
  fsag: 'FSAG',
};

/** Words spelled differently in a sentence than in a scope name. */
const WORDS: Readonly<Record<string, string>> = {
  jql: 'JQL',
  cql: 'CQL',
  sla: 'SLA',
  cmdb: 'Assets',
  csm: 'CSM',
  servicedesk: 'service desk',
  blogpost: 'blog post',
  inlinetask: 'inline task',
  knowledgebase: 'knowledge base',
  requesttype: 'request type',
  pullrequest: 'pull request',
  devops: 'DevOps',
  jira: 'Jira',
  confluence: 'Confluence',
  async: 'asynchronous',
};

/** Last words that take no plural ending. */
const UNCOUNTABLE = new Set([
  ...['data', 'metadata', 'info', 'content', 'configuration', 'details', 'tracking', 'analytics', 'feedback', 'storage'],
  ...['jql', 'cql', 'connectivity', 'processing', 'work', 'security', 'code', 'jira', 'confluence', 'temp'],
]);

function plural(word: string): string {
  if (/(ss|us|x|ch|sh)$/.test(word)) return word + 'es';
  if (word.endsWith('s')) return word; // already plural: columns, options, votes
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'ies';
  return word + 's';
}

/** `issue.property` → "issue properties"; `board-scope.admin` → "board scope administration settings". */
function entityPhrase(entity: string): string {
  const pieces = entity.split(':').filter((piece) => piece !== 'graph');
  // `customer:entitlement` reads "customer entitlements".
  const words = pieces
    .join('.')
    .split(/[.-]/)
    .filter((word) => word !== '');
  if (words[words.length - 1] === 'admin') return [...words.slice(0, -1), 'administration settings'].map(spell).join(' ');
  const last = words.length - 1;
  return words.map((word, position) => (position === last && !UNCOUNTABLE.has(word) ? plural(spell(word)) : spell(word))).join(' ');
}

const spell = (word: string): string => WORDS[word] ?? word;

function productName(product: string): string {
  return (
    PRODUCT_NAMES[product] ??
    product
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' ')
  );
}

/** A sentence built from a scope's name: `delete:comment:confluence` → "Delete comments in Confluence." */
function sentenceFromName(scope: string): string {
  const shape = scopeShape(scope);
  if (shape.kind === 'connect') {
    const meaning = CONNECT_MEANINGS[shape.action] ?? `use the Connect ${shape.action} permission`;
    return `For apps that came from Connect: ${meaning} in ${productName(shape.product)}.`;
  }
  const verb = ACTION_VERBS[shape.action] ?? shape.action.charAt(0).toUpperCase() + shape.action.slice(1);
  const what = entityPhrase(shape.entity);
  if (shape.entity === 'graph') return `${verb} ${productName(shape.product)} data through the Teamwork Graph.`;
  if (shape.entity.startsWith('graph:')) {
    const source = shape.product === 'external' ? 'connected tools' : productName(shape.product);
    return `${verb} ${what} from ${source} through the Teamwork Graph.`;
  }
  if (shape.product === 'external') return `${verb} ${what} that connected tools send to Atlassian.`;
  return `${verb} ${what} in ${productName(shape.product)}.`;
}

/** Whether Anvil has its own written description of this scope (rather than one built from the name). */
export function hasWrittenDescription(scope: string): boolean {
  if (Object.hasOwn(WRITTEN, scope)) return true;
  const shape = scopeShape(scope);
  return shape.kind === 'connect' && Object.hasOwn(CONNECT_MEANINGS, shape.action);
}

/** What a scope lets an app do, in plain words. */
export function describeScope(scope: string): string {
  return WRITTEN[scope] ?? sentenceFromName(scope);
}
