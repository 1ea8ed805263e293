import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCloudApp, sampleLogLines, STAGING_ENVIRONMENT_ID, STAND_IN_APP_ID, STAND_IN_LOGIN, startForgePlatformStandIn, type ForgePlatformStandIn } from '../testing';
import { ForgePlatformClient, type ForgePlatformOptions } from './forge-platform-client';
import { ForgePlatformError } from './platform-error';

let standIn: ForgePlatformStandIn | null = null;
afterEach(async () => {
  await standIn?.close();
  standIn = null;
});

const NOW = Date.parse('2026-12-04T12:00:00.000Z');

async function client(options: Partial<ForgePlatformOptions> = {}): Promise<ForgePlatformClient> {
  standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app: sampleCloudApp(), logs: sampleLogLines(6, STAGING_ENVIRONMENT_ID) });
  return new ForgePlatformClient({ login: STAND_IN_LOGIN, gateway: standIn.url, extraCaCertificates: [standIn.ca], now: () => NOW, ...options });
}

const readLogs = (platform: ForgePlatformClient) => platform.appLogs({ appId: STAND_IN_APP_ID, environmentId: STAGING_ENVIRONMENT_ID, since: new Date(0), until: new Date(NOW), offset: 0, limit: 50 });

/** The error a call fails with; it must be a ForgePlatformError, and no form of the token may be in it. */
async function failure(call: Promise<unknown>): Promise<ForgePlatformError> {
  const error = await call.then(
    () => expect.fail('the call succeeded'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ForgePlatformError);
  const platformError = error as ForgePlatformError;
  const everything = `${platformError.message}\n${platformError.stack}\n${JSON.stringify(platformError)}`;
  for (const secret of [STAND_IN_LOGIN.token, Buffer.from(`${STAND_IN_LOGIN.email}:${STAND_IN_LOGIN.token}`).toString('base64')]) expect(everything).not.toContain(secret);
  return platformError;
}

describe('Forge platform failures, as a pane and the CLI can state them', () => {
  it('a token the platform refuses (401) is unauthorized and says to create a new one at id.atlassian.com', async () => {
    await client();
    const wrong = new ForgePlatformClient({ login: { email: STAND_IN_LOGIN.email, token: 'ATATT3xRevokedToken-1234' }, gateway: standIn!.url, extraCaCertificates: [standIn!.ca] });
    const error = await failure(wrong.listEnvironments(STAND_IN_APP_ID));
    expect(error.kind).toBe('unauthorized');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/Atlassian refused the token.*id\.atlassian\.com/);
    expect(error.message).not.toContain('ATATT3xRevokedToken-1234');
  });

  it('403 is unauthorized too', async () => {
    const platform = await client();
    standIn!.failNext({ kind: 'status', status: 403 });
    expect((await failure(platform.listInstallations(STAND_IN_APP_ID))).kind).toBe('unauthorized');
  });

  it('429 is rate-limited and reports the Retry-After seconds', async () => {
    const platform = await client();
    standIn!.failNext({ kind: 'status', status: 429, retryAfter: '37' });
    const error = await failure(readLogs(platform));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(37_000);
    expect(error.message).toContain('wait 37 s');
  });

  it('429 with a Retry-After date waits until that date', async () => {
    const platform = await client();
    standIn!.failNext({ kind: 'status', status: 429, retryAfter: new Date(NOW + 180_000).toUTCString() });
    const error = await failure(readLogs(platform));
    expect(error.retryAfterMs).toBe(180_000);
    expect(error.message).toContain('wait 3 min');
  });

  it('a GraphQL rate-limit error is rate-limited as well', async () => {
    const platform = await client();
    standIn!.failNext({ kind: 'graphql-errors', errors: [{ message: 'Too many requests', extensions: { errorType: 'TOO_MANY_REQUESTS', statusCode: 429 } }] });
    expect((await failure(readLogs(platform))).kind).toBe('rate-limited');
  });

  it.each([500, 502, 503])('HTTP %i is unavailable', async (status) => {
    const platform = await client();
    standIn!.failNext({ kind: 'status', status, body: '<html>Bad gateway</html>' });
    const error = await failure(readLogs(platform));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain(`HTTP ${status}`);
  });

  it('a gateway that never answers is a timeout after the configured time', async () => {
    const platform = await client({ timeoutMs: 300 });
    standIn!.failNext({ kind: 'hang' });
    const error = await failure(readLogs(platform));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('did not answer within 1 s');
  });

  it('an unreachable gateway is offline', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const platform = new ForgePlatformClient({ login: STAND_IN_LOGIN, gateway: `https://127.0.0.1:${closedPort}/graphql` });
    const error = await failure(platform.listEnvironments(STAND_IN_APP_ID));
    expect(error.kind).toBe('offline');
    expect(error.message).toContain('cannot be reached (ECONNREFUSED)');
  });

  it('a gateway whose certificate is not trusted is refused, never called without verification', async () => {
    await client();
    const untrusting = new ForgePlatformClient({ login: STAND_IN_LOGIN, gateway: standIn!.url });
    const error = await failure(untrusting.listEnvironments(STAND_IN_APP_ID));
    expect(error.kind).toBe('offline');
    expect(error.message).toContain('certificate is not trusted');
    // The request never reached the handler: no login was sent over the untrusted connection.
    expect(standIn!.requests).toEqual([]);
  });

  it('an answer that is not JSON is malformed', async () => {
    const platform = await client();
    standIn!.failNext({ kind: 'malformed-json' });
    const error = await failure(readLogs(platform));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('is not JSON');
  });

  it('a page with a wrong-typed field is malformed, naming the field', async () => {
    const platform = await client();
    standIn!.failNext({
      kind: 'tamper',
      change: (answer) => {
        (answer.data.appLogsWithMetaData as { appLogs: Record<string, unknown>[] }).appLogs[1]!.ts = 42;
      },
    });
    const error = await failure(readLogs(platform));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('appLogsWithMetaData.appLogs[1].ts must be a timestamp');
  });

  it('a page without hasNextPage is malformed, naming it', async () => {
    const platform = await client();
    standIn!.failNext({ kind: 'tamper', change: (answer) => delete (answer.data.appLogsWithMetaData as Record<string, unknown>).hasNextPage });
    expect((await failure(readLogs(platform))).message).toContain('appLogsWithMetaData.hasNextPage is required');
  });

  it('a wrong-typed installation field is malformed, naming it', async () => {
    const platform = await client();
    standIn!.failNext({
      kind: 'tamper',
      change: (answer) => {
        (answer.data.ecosystem as { appInstallationsByApp: { nodes: Record<string, unknown>[] } }).appInstallationsByApp.nodes[0]!.installationContext = ['jira'];
      },
    });
    expect((await failure(platform.listInstallations(STAND_IN_APP_ID))).message).toContain('ecosystem.appInstallationsByApp.nodes[0].installationContext must be a string');
  });

  it('an answer larger than 32 MB is malformed, not read on', async () => {
    const platform = await client();
    standIn!.failNext({ kind: 'tamper', change: (answer) => void (answer.data.padding = 'x'.repeat(33 * 1024 * 1024)) });
    const error = await failure(readLogs(platform));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('larger than 32 MB');
  });

  it('a GraphQL error is a graphql-error carrying the platform message and request id', async () => {
    const platform = await client();
    standIn!.failNext({ kind: 'graphql-errors', errors: [{ message: 'Environment is being deleted', extensions: { errorType: 'CONFLICT', statusCode: 409 } }] });
    const error = await failure(platform.listVersions(STAND_IN_APP_ID, 'staging'));
    expect(error.kind).toBe('graphql-error');
    expect(error.message).toContain('Environment is being deleted (CONFLICT)');
    expect(error.details.errorType).toBe('CONFLICT');
  });

  it('a GraphQL error with status 401 is unauthorized', async () => {
    const platform = await client();
    standIn!.failNext({ kind: 'graphql-errors', errors: [{ message: 'Unauthorized', extensions: { statusCode: 401 } }] });
    expect((await failure(platform.listEnvironments(STAND_IN_APP_ID))).kind).toBe('unauthorized');
  });

  it('a platform message that echoes the token or the Authorization header has them removed', async () => {
    const platform = await client();
    const basic = Buffer.from(`${STAND_IN_LOGIN.email}:${STAND_IN_LOGIN.token}`).toString('base64');
    const hex = Buffer.from(STAND_IN_LOGIN.token).toString('hex');
    standIn!.failNext({ kind: 'graphql-errors', errors: [{ message: `Bad request: authorization Basic ${basic}; token ${STAND_IN_LOGIN.token}; as hex ${hex}` }] });
    const error = await failure(platform.listEnvironments(STAND_IN_APP_ID));
    expect(error.message).toContain('authorization Basic [redacted]; token [redacted]; as hex [redacted]');
  });
});

describe('the gateway a client calls', () => {
  it('is api.atlassian.com by default, FORGE_GRAPHQL_GATEWAY when set (as the Forge CLI reads it), and the option above both', () => {
    expect(new ForgePlatformClient({ login: STAND_IN_LOGIN, env: {} }).gateway).toBe('https://api.atlassian.com/graphql');
    expect(new ForgePlatformClient({ login: STAND_IN_LOGIN, env: { FORGE_GRAPHQL_GATEWAY: 'https://api.stg.atlassian.com/graphql' } }).gateway).toBe('https://api.stg.atlassian.com/graphql');
    expect(new ForgePlatformClient({ login: STAND_IN_LOGIN, env: { FORGE_GRAPHQL_GATEWAY: 'https://api.stg.atlassian.com/graphql' }, gateway: 'https://127.0.0.1:9/graphql' }).gateway).toBe(
      'https://127.0.0.1:9/graphql',
    );
  });

  it('must be https, since every request carries the token', () => {
    expect(() => new ForgePlatformClient({ login: STAND_IN_LOGIN, env: { FORGE_GRAPHQL_GATEWAY: 'http://api.atlassian.com/graphql' } })).toThrow(/FORGE_GRAPHQL_GATEWAY must use https/);
  });
});
