import { describe, expect, it } from 'vitest';
import { eventRequirement } from './event-scopes';
import { missingScopes } from './requirement';

describe('scopes for product events', () => {
  it('lets a Jira issue trigger work with read:jira-work or its granular set', () => {
    const requirement = eventRequirement('avi:jira:created:issue');
    expect(requirement?.classic).toEqual(['read:jira-work']);
    expect(requirement?.granular).toContain('read:issue:jira');
    expect(missingScopes(new Set(['read:jira-work']), requirement!)).toEqual([]);
  });

  it('treats a Bitbucket event, which has only granular scopes, as a granular requirement', () => {
    expect(eventRequirement('avi:bitbucket:push:repository')).toEqual({ classic: [], granular: ['read:repository:bitbucket'] });
  });

  it('knows nothing about an event the platform does not send', () => {
    expect(eventRequirement('avi:jira:exploded:issue')).toBeNull();
  });
});
