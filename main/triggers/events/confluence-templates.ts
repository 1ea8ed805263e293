import { isoTime, productEventBase, restLink, type TemplateBuilder, type TemplateContext } from './template-context';

// Confluence payload shapes, written from Atlassian's events reference: pages, blog posts, comments
// and attachments arrive as `content` (with `space`, `history`, `version`); spaces and tasks under
// their own names.

const PAGE_ID = '98307';

function image(path: string): Record<string, unknown> {
  return { path, width: 48, height: 48, isDefault: true };
}

function confluenceUser(accountId: string): Record<string, unknown> {
  return {
    type: 'known',
    accountId,
    accountType: 'atlassian',
    email: '',
    publicName: 'Demo User',
    displayName: 'Demo User',
    isExternalCollaborator: false,
    profilePicture: image('/wiki/aa-avatar/default.png'),
  };
}

function space(): Record<string, unknown> {
  return { id: 98306, key: 'DEMO', name: 'Demo space', type: 'global', status: 'current', icon: image('/wiki/images/logo/default-space-logo.svg') };
}

type ContentType = 'page' | 'blogpost' | 'comment' | 'attachment';

const CONTENT: Record<ContentType, { id: string; title: string }> = {
  page: { id: PAGE_ID, title: 'Release checklist' },
  blogpost: { id: '98400', title: 'What shipped this sprint' },
  comment: { id: '98500', title: 'Re: Release checklist' },
  attachment: { id: 'att98600', title: 'diagram.png' },
};

function content(context: TemplateContext, type: ContentType, status = 'current'): Record<string, unknown> {
  const { id, title } = CONTENT[type];
  const created = isoTime(context.now - 60_000);
  const item: Record<string, unknown> = {
    id,
    type,
    status,
    title,
    space: space(),
    history: { latest: true, createdBy: confluenceUser(context.accountId), createdDate: created },
    version: { by: confluenceUser(context.accountId), when: isoTime(context.now), number: 1, minorEdit: false },
    _links: { self: restLink(context, 'confluence', `/wiki/rest/api/content/${id}`) },
  };
  // Comments and attachments name the page they belong to.
  if (type === 'comment' || type === 'attachment') item.container = content(context, 'page');
  return item;
}

function contentEvent(type: ContentType, status?: string, extra: (context: TemplateContext) => Record<string, unknown> = () => ({})): TemplateBuilder {
  return (context) => ({ ...productEventBase(context), content: content(context, type, status), ...extra(context) });
}

const updatedContent =
  (type: ContentType): TemplateBuilder =>
  (context) => {
    const item = content(context, type);
    item.version = { by: confluenceUser(context.accountId), when: isoTime(context.now), number: 2, minorEdit: false };
    return { ...productEventBase(context), content: item };
  };

const spaceEvent: TemplateBuilder = (context) => ({
  ...productEventBase(context),
  space: { ...space(), description: { plain: { value: 'Where the team plans releases', representation: 'plain' } }, homepageId: PAGE_ID },
});

function taskEvent(status: 'incomplete' | 'complete'): TemplateBuilder {
  return (context) => ({
    ...productEventBase(context),
    task: {
      id: '7001',
      localId: '1',
      contentId: PAGE_ID,
      spaceId: 98306,
      status,
      body: 'Update the changelog',
      creator: { accountId: context.accountId },
      assignee: { accountId: context.accountId },
      createdAt: isoTime(context.now),
      dueAt: isoTime(context.now + 7 * 86_400_000),
    },
  });
}

function verbs(noun: string, list: string[], builder: (verb: string) => TemplateBuilder): [string, TemplateBuilder][] {
  return list.map((verb) => [`avi:confluence:${verb}:${noun}`, builder(verb)]);
}

// Content in the trash or archive carries that status; everything else is current.
function statusFor(verb: string): string {
  if (verb === 'trashed') return 'trashed';
  if (verb === 'archived') return 'archived';
  if (verb === 'deleted') return 'deleted';
  return 'current';
}

const PAGE_VERBS = ['created', 'viewed', 'liked', 'archived', 'unarchived', 'trashed', 'restored', 'deleted', 'started', 'snapshotted', 'permissions_updated'];

export const CONFLUENCE_TEMPLATES: ReadonlyMap<string, TemplateBuilder> = new Map<string, TemplateBuilder>([
  ...verbs('page', PAGE_VERBS, (verb) => contentEvent('page', statusFor(verb))),
  ['avi:confluence:updated:page', updatedContent('page')],
  ['avi:confluence:moved:page', contentEvent('page', 'current', (context) => ({ prevContent: content(context, 'page') }))],
  ['avi:confluence:copied:page', contentEvent('page', 'current', () => ({ originContentId: '98299' }))],
  ['avi:confluence:children_reordered:page', contentEvent('page', 'current', () => ({ oldSortedChildPageIds: ['98310', '98311'], newSortedChildPageIds: ['98311', '98310'] }))],
  ...verbs('blogpost', ['created', 'viewed', 'liked', 'trashed', 'restored', 'deleted', 'permissions_updated'], (verb) => contentEvent('blogpost', statusFor(verb))),
  ['avi:confluence:updated:blogpost', updatedContent('blogpost')],
  ...verbs('comment', ['created', 'deleted', 'liked', 'permissions_updated'], (verb) => contentEvent('comment', statusFor(verb))),
  ['avi:confluence:updated:comment', updatedContent('comment')],
  ...verbs('attachment', ['created', 'updated', 'viewed', 'archived', 'unarchived', 'trashed', 'restored', 'deleted'], (verb) => contentEvent('attachment', statusFor(verb))),
  ...verbs('space:V2', ['created', 'updated', 'deleted'], () => spaceEvent),
  ['avi:confluence:created:task', taskEvent('incomplete')],
  ['avi:confluence:updated:task', taskEvent('complete')],
  ['avi:confluence:removed:task', taskEvent('incomplete')],
]);
