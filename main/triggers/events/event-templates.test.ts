import { describe, expect, it } from 'vitest';
import { eventRequirement } from '../../scopes';
import { eventTemplate, templateEventTypes } from './event-templates';

const SITE = { cloudId: 'a1b2c3d4-0000-4000-8000-000000000001', product: 'jira' };
const NOW = Date.UTC(2026, 2, 14, 9, 30);

// Templates are plain JSON; tests read deep paths without narrowing each level.
// A platform payload as the assertions walk it; they check every shape they rely on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function template(eventType: string, options = {}): Json {
  return eventTemplate(eventType, SITE, { now: NOW, ...options });
}

describe('event templates', () => {
  it('gives a created issue the fields an app reads: key, summary, type, project, status, reporter', () => {
    const event = template('avi:jira:created:issue', { accountId: '5b10a2844c20165700edeabc' });
    expect(event).toMatchObject({ eventType: 'avi:jira:created:issue', timestamp: NOW, selfGenerated: false, atlassianId: '5b10a2844c20165700edeabc' });
    expect(event.issue.key).toMatch(/^[A-Z]+-\d+$/);
    expect(event.issue.id).toMatch(/^\d+$/);
    expect(event.issue.fields).toMatchObject({
      summary: expect.any(String),
      issuetype: { name: 'Task', subtask: false },
      project: { key: 'DEMO', projectTypeKey: 'software' },
      status: { name: 'To Do', statusCategory: { key: 'new' } },
      reporter: { accountId: '5b10a2844c20165700edeabc' },
      assignee: null,
    });
    expect(event.issue.key.startsWith(`${event.issue.fields.project.key}-`)).toBe(true);
    expect(event.issue.fields.project.self).toContain(SITE.cloudId);
    expect(event.associatedUsers).toEqual([{ accountId: '5b10a2844c20165700edeabc' }]);
  });

  it('gives an updated issue a changelog that matches the new field value', () => {
    const event = template('avi:jira:updated:issue');
    const [change] = event.changelog.items;
    expect(change).toMatchObject({ field: 'summary', fieldId: 'summary', fieldtype: 'jira' });
    expect(change.toString).toBe(event.issue.fields.summary);
    expect(change.fromString).not.toBe(change.toString);
  });

  it('gives an assigned issue the new assignee in the issue and in the changelog', () => {
    const event = template('avi:jira:assigned:issue');
    const assignee = event.issue.fields.assignee.accountId;
    expect(event.changelog.items[0]).toMatchObject({ field: 'assignee', to: assignee });
    expect(event.associatedUsers).toEqual([{ accountId: assignee }]);
  });

  it('gives comment events the issue and the comment, with an ADF body', () => {
    for (const type of ['avi:jira:commented:issue', 'avi:jira:deleted:comment', 'avi:jira:mentioned:comment']) {
      const event = template(type);
      expect(event.issue.key).toBe('DEMO-1');
      expect(event.comment).toMatchObject({ id: expect.any(String), author: { accountId: event.atlassianId }, body: { type: 'doc', version: 1 } });
    }
  });

  it('puts worklogs, versions and projects under their own names', () => {
    expect(template('avi:jira:created:worklog').worklog).toMatchObject({ issueId: '10001', timeSpentSeconds: 3600 });
    expect(template('avi:jira:released:version').version).toMatchObject({ name: '1.2.0', released: true, archived: false });
    expect(template('avi:jira:archived:version').version).toMatchObject({ archived: true });
    expect(template('avi:jira:created:project').project).toMatchObject({ key: 'DEMO', lead: { accountId: expect.any(String) } });
  });

  it('gives Confluence page, blog post and comment events a content object in its space', () => {
    const page = template('avi:confluence:created:page');
    expect(page.content).toMatchObject({ type: 'page', status: 'current', title: expect.any(String), space: { key: 'DEMO', type: 'global' } });
    expect(page.content.history.createdBy.accountId).toBe(page.atlassianId);
    expect(template('avi:confluence:created:blogpost').content.type).toBe('blogpost');
    expect(template('avi:confluence:updated:page').content.version.number).toBe(2);
    const comment = template('avi:confluence:created:comment');
    expect(comment.content).toMatchObject({ type: 'comment', container: { type: 'page', id: page.content.id } });
    expect(template('avi:confluence:trashed:page').content.status).toBe('trashed');
    expect(template('avi:confluence:moved:page').prevContent.type).toBe('page');
    expect(template('avi:confluence:created:space:V2').space.key).toBe('DEMO');
  });

  it('builds lifecycle events from the app and the installer, without product-event fields', () => {
    const installed = template('avi:forge:installed:app', { app: { id: 'ari:cloud:ecosystem::app/abc', version: '3.1.0' }, accountId: '5b10a2844c20165700ede999' });
    expect(installed).toMatchObject({
      eventType: 'avi:forge:installed:app',
      timestamp: NOW,
      id: expect.stringMatching(/^ari:cloud:ecosystem::installation\//),
      installerAccountId: '5b10a2844c20165700ede999',
      app: { id: 'ari:cloud:ecosystem::app/abc', version: '3.1.0' },
      environment: { id: expect.any(String) },
    });
    expect(installed).not.toHaveProperty('selfGenerated');
    const upgraded = template('avi:forge:upgraded:app', { scopes: ['read:jira-work'] });
    expect(upgraded.upgraderAccountId).toEqual(expect.any(String));
    expect(upgraded.permissions.scopes).toEqual(['read:jira-work']);
  });

  it('falls back to a generic payload for an event without a template of its own', () => {
    const event = template('avi:bitbucket:push:repository', { accountId: '5b10a2844c20165700ede777' });
    expect(event).toEqual({ eventType: 'avi:bitbucket:push:repository', timestamp: NOW, selfGenerated: false, atlassianId: '5b10a2844c20165700ede777' });
    expect(templateEventTypes()).not.toContain('avi:bitbucket:push:repository');
  });

  it('uses the current time when none is given', () => {
    const before = Date.now();
    const { timestamp } = eventTemplate('avi:jira:created:issue', SITE);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
  });

  it('only offers templates for events the platform sends, each with eventType and timestamp and plain JSON', () => {
    const types = templateEventTypes();
    expect(types.length).toBeGreaterThan(60);
    expect(types).toEqual([...types].sort());
    for (const type of types) {
      const lifecycle = type.startsWith('avi:forge:');
      if (!lifecycle) expect(eventRequirement(type), type).not.toBeNull();
      const event = template(type);
      expect(event.eventType).toBe(type);
      expect(event.timestamp).toBe(NOW);
      if (!lifecycle) expect(event, type).toMatchObject({ selfGenerated: false, atlassianId: expect.any(String) });
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    }
  });

  it('builds a fresh payload each time, so editing one does not change the next', () => {
    const first = template('avi:jira:created:issue');
    first.issue.fields.summary = 'edited';
    first.issue.fields.project.key = 'EDIT';
    const second = template('avi:jira:created:issue');
    expect(second.issue.fields.summary).not.toBe('edited');
    expect(second.issue.fields.project.key).toBe('DEMO');
  });
});
