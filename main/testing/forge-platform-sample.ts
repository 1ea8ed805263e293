import type { StandInApp, StandInLogLine } from './forge-platform-answers';
import { STAND_IN_APP_ID } from './forge-platform-stand-in';

/** A login for stand-in tests; its token is distinctive so a test can search any text for it. */
export const STAND_IN_LOGIN = { email: 'dev@example.com', token: 'ATATT3xStandInToken-7f3c9e1b5d' } as const;

export const STAGING_ENVIRONMENT_ID = 'e5b1c2d3-0000-4000-8000-00000000staging';
export const DEVELOPMENT_ENVIRONMENT_ID = 'e5b1c2d3-0000-4000-8000-000000000dev';

/** An app with the three built-in environments and a custom one, installed on two sites. */
export function sampleCloudApp(): StandInApp {
  return {
    id: STAND_IN_APP_ID,
    environments: [
      { id: DEVELOPMENT_ENVIRONMENT_ID, key: 'default', type: 'DEVELOPMENT', createdAt: '2026-01-05T10:00:00.000Z' },
      { id: STAGING_ENVIRONMENT_ID, key: 'staging', type: 'STAGING', createdAt: '2026-01-05T10:00:01.000Z' },
      { id: 'e5b1c2d3-0000-4000-8000-0000000000prod', key: 'production', type: 'PRODUCTION', createdAt: '2026-01-05T10:00:02.000Z' },
      { id: 'e5b1c2d3-0000-4000-8000-0000000000alex', key: 'alex', type: 'DEVELOPMENT', createdAt: '2026-03-01T08:30:00.000Z' },
    ],
    installations: [
      { id: 'inst-1', installationContext: 'ari:cloud:jira::site/11111111-aaaa-4bbb-8ccc-000000000001', environmentKey: 'staging', version: '4.2.0', isLatest: true },
      { id: 'inst-2', installationContext: 'ari:cloud:confluence::site/22222222-aaaa-4bbb-8ccc-000000000002', environmentKey: 'default', version: '7.0.3', isLatest: false },
    ],
    versions: {
      staging: [
        {
          version: '4.2.0',
          isLatest: true,
          createdAt: '2026-11-20T09:00:00.000Z',
          // What the sample app (resources/sample-app) had deployed before it added storage:app.
          permissions: [{ scopes: [{ key: 'read:jira-work' }], egress: [{ type: 'FETCH_BACKEND_SIDE', addresses: ['api.github.com'], category: null, inScopeEUD: null }], securityPolicies: [] }],
          extensions: {
            nodes: [
              { key: 'issue-radar-panel', extensionData: { type: 'jira:issuePanel', title: 'Issue Radar' } },
              { key: 'deployment-webhook', extensionData: { type: 'core:webtrigger', function: 'record-deployment' } },
              { key: 'resolver', extensionData: { type: 'core:function', handler: 'index.handler' } },
            ],
          },
        },
        { version: '4.1.0', isLatest: false, createdAt: '2026-11-01T09:00:00.000Z' },
        { version: '3.0.0', isLatest: false, createdAt: '2026-09-15T09:00:00.000Z' },
      ],
    },
    sites: { '11111111-aaaa-4bbb-8ccc-000000000001': 'acme-staging.atlassian.net', '22222222-aaaa-4bbb-8ccc-000000000002': 'acme-dev.atlassian.net' },
  };
}

/** `count` log lines one second apart from `start`, two lines per invocation, in `environmentId`. */
export function sampleLogLines(count: number, environmentId: string, start = Date.parse('2026-12-01T12:00:00.000Z')): StandInLogLine[] {
  return Array.from({ length: count }, (_, index) => ({
    environmentId,
    invocationId: `inv-${Math.floor(index / 2)}`,
    ts: new Date(start + index * 1000).toISOString(),
    appVersion: '4.2.0',
    functionKey: 'resolver',
    lvl: index % 5 === 4 ? 'ERROR' : 'INFO',
    message: `line ${index}`,
    other: JSON.stringify([{ index }]),
  }));
}
