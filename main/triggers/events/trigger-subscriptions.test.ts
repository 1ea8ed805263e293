import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { triggerSubscriptions } from './trigger-subscriptions';
import { sharedDataFolder } from '../../testing/shared-data';

const DEFAULT_FILTER = { ignoreSelf: false, expression: null, onError: 'IGNORE_AND_LOG' };

describe('trigger subscriptions', () => {
  it('reads a list of event names with the platform defaults for the filter', () => {
    const manifest = {
      modules: {
        trigger: [{ key: 'issue-watcher', function: 'watch', events: ['avi:jira:created:issue', 'avi:jira:updated:issue'] }],
        function: [{ key: 'watch', handler: 'index.watch' }],
      },
    };
    expect(triggerSubscriptions(manifest)).toEqual([
      { moduleKey: 'issue-watcher', functionKey: 'watch', endpointKey: null, eventType: 'avi:jira:created:issue', filter: DEFAULT_FILTER },
      { moduleKey: 'issue-watcher', functionKey: 'watch', endpointKey: null, eventType: 'avi:jira:updated:issue', filter: DEFAULT_FILTER },
    ]);
  });

  it('reads the object form with its filter', () => {
    const manifest = {
      modules: {
        trigger: [
          {
            key: 'bug-watcher',
            function: 'bugs',
            events: [
              { eventType: 'avi:jira:created:issue', filter: { ignoreSelf: true, expression: 'event.issue.fields.issuetype.name == "Bug"', onError: 'RECEIVE_AND_LOG' } },
              { eventType: 'avi:jira:deleted:issue', filter: { ignoreSelf: true } },
              { eventType: 'avi:jira:commented:issue' },
            ],
          },
        ],
      },
    };
    expect(triggerSubscriptions(manifest).map(({ eventType, filter }) => [eventType, filter])).toEqual([
      ['avi:jira:created:issue', { ignoreSelf: true, expression: 'event.issue.fields.issuetype.name == "Bug"', onError: 'RECEIVE_AND_LOG' }],
      ['avi:jira:deleted:issue', { ignoreSelf: true, expression: null, onError: 'IGNORE_AND_LOG' }],
      ['avi:jira:commented:issue', DEFAULT_FILTER],
    ]);
  });

  it('mixes both forms in one list and keeps several trigger modules apart', () => {
    const manifest = {
      modules: {
        trigger: [
          { key: 'a', function: 'fa', events: ['avi:jira:created:issue', { eventType: 'avi:jira:updated:issue', filter: { expression: 'true' } }] },
          { key: 'b', function: 'fb', events: ['avi:jira:created:issue'] },
        ],
      },
    };
    expect(triggerSubscriptions(manifest).map((s) => `${s.moduleKey}→${s.functionKey}:${s.eventType}:${s.filter.expression}`)).toEqual([
      'a→fa:avi:jira:created:issue:null',
      'a→fa:avi:jira:updated:issue:true',
      'b→fb:avi:jira:created:issue:null',
    ]);
  });

  it('skips what the schema would reject and falls back to the default onError for an unknown value', () => {
    const manifest = {
      modules: {
        trigger: [
          { function: 'no-key', events: ['avi:jira:created:issue'] },
          { key: 'no-events', function: 'f' },
          {
            key: 'odd',
            function: 'f',
            events: [42, { filter: {} }, '', 'avi:jira:created:issue', 'avi:jira:created:issue', { eventType: 'avi:jira:updated:issue', filter: { onError: 'EXPLODE', expression: '   ' } }],
          },
        ],
        webtrigger: [{ key: 'hook', function: 'f' }],
      },
    };
    expect(triggerSubscriptions(manifest)).toEqual([
      { moduleKey: 'odd', functionKey: 'f', endpointKey: null, eventType: 'avi:jira:created:issue', filter: DEFAULT_FILTER },
      { moduleKey: 'odd', functionKey: 'f', endpointKey: null, eventType: 'avi:jira:updated:issue', filter: DEFAULT_FILTER },
    ]);
  });

  it('has nothing for a manifest without triggers or without modules', () => {
    expect(triggerSubscriptions({ modules: { function: [{ key: 'f', handler: 'index.f' }] } })).toEqual([]);
    expect(triggerSubscriptions({})).toEqual([]);
    expect(triggerSubscriptions(null)).toEqual([]);
  });

  const { folder: CORPUS, present: hasCorpus } = sharedDataFolder('corpus', 'manifests');
  describe.skipIf(!hasCorpus)('real manifests (skipped: ../shared/corpus is absent)', () => {
    const read = (name: string): unknown => parse(readFileSync(path.join(CORPUS, name), 'utf8'));

    it('a Forge Remote app: lifecycle events go to an endpoint, not a function', () => {
      const manifest = read('forge-sql-orm_atlassian-runtime-bridge__examples_atlassian-connect-forge-spring-boot-sample_forge-connect_manifest.yml');
      expect(triggerSubscriptions(manifest)).toEqual([
        { moduleKey: 'event-install', functionKey: null, endpointKey: 'system-token-sync', eventType: 'avi:forge:installed:app', filter: DEFAULT_FILTER },
        { moduleKey: 'event-install', functionKey: null, endpointKey: 'system-token-sync', eventType: 'avi:forge:upgraded:app', filter: DEFAULT_FILTER },
      ]);
    });

    it('a schema migration run on install', () => {
      const manifest = read('vzakharchenko_forge-sql-orm__examples_forge-sql-orm-example-simple_manifest.yml');
      expect(triggerSubscriptions(manifest)).toEqual([
        { moduleKey: 'post-install-schema-migration', functionKey: 'runSchemaMigration', endpointKey: null, eventType: 'avi:forge:installed:app', filter: DEFAULT_FILTER },
      ]);
    });
  });
});
