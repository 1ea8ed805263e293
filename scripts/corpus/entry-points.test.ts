import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entryPointsOf } from './entry-points';

const manifest = parse(`
modules:
  macro:
    - key: balance
      function: balance-render
      title: Balance
      config:
        function: balance-config
  jira:issuePanel:
    - key: panel
      resource: main
      resolver:
        function: resolver
      title: Panel
  scheduledTrigger:
    - key: nightly
      function: sweep
      interval: day
  trigger:
    - key: on-issue
      function: listen
      events:
        - avi:jira:created:issue
        - avi:jira:updated:issue
  webtrigger:
    - key: hook
      function: listen
  consumer:
    - key: worker
      queue: jobs
      resolver:
        function: resolver
        method: work
  action:
    - key: summarise
      function: listen
      actionVerb: GET
      inputs:
        issueKey:
          type: string
          required: true
  jira:globalPage:
    - key: remote-page
      resource: main
      resolver:
        endpoint: backend
      title: Remote
  function:
    - key: balance-render
      handler: index.run
    - key: balance-config
      handler: index.config
    - key: resolver
      handler: index.handler
    - key: sweep
      handler: index.sweep
    - key: listen
      handler: index.listen
`);

describe('the entry points of a Forge app', () => {
  it('lists each UI Kit 1 render function, resolver key, trigger event, web trigger, consumer and Rovo action once', () => {
    // `work` is the consumer's resolver.method: the queue calls it, as the consumer row.
    const labels = entryPointsOf(manifest, ['getBalance', 'work']).map((point) => point.label);
    expect(labels).toEqual([
      'macro balance (UI Kit 1 function balance-render)',
      'macro balance config (UI Kit 1 function balance-config)',
      'scheduledTrigger nightly',
      'trigger on-issue avi:jira:created:issue',
      'trigger on-issue avi:jira:updated:issue',
      'webtrigger hook',
      'consumer worker',
      'action summarise',
      'jira:globalPage remote-page (resolver endpoint)',
      'resolver getBalance',
    ]);
  });

  it('gives a Rovo action the inputs the manifest declares', () => {
    const action = entryPointsOf(manifest, []).find((point) => point.kind === 'rovo-action');
    expect(action).toMatchObject({ moduleKey: 'summarise', inputs: { issueKey: { type: 'string', required: true } } });
  });

  it('runs no resolver keys when no UI module has a resolver function', () => {
    const onlyTriggers = parse('modules:\n  webtrigger:\n    - key: hook\n      function: fn\n  function:\n    - key: fn\n      handler: index.run\n');
    expect(entryPointsOf(onlyTriggers, ['stray']).map((point) => point.kind)).toEqual(['webtrigger']);
  });
});
