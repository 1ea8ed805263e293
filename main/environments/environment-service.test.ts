import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../database';
import { AppRunner } from '../runner';
import { sampleAppCopy, scratchFolder } from '../testing';
import { EnvironmentService } from './environment-service';
import type { SecretValues } from './variables';

const open: { close: () => void }[] = [];
afterEach(() =>
  open
    .splice(0)
    .reverse()
    .forEach((item) => item.close()),
);

/** A keychain stand-in for the variables' secrets (the real keychain has its own tests). */
function memorySecrets(): SecretValues & { stored: Map<string, string> } {
  const stored = new Map<string, string>();
  return {
    stored,
    set: async (environment, key, value) => void stored.set(`${environment}:${key}`, value),
    read: async (environment, key) => stored.get(`${environment}:${key}`) ?? Promise.reject(new Error('not in the keychain')),
    delete: async (environment, key) => void stored.delete(`${environment}:${key}`),
  };
}

function setUp(folder = sampleAppCopy()) {
  const db = openAppDatabase(null);
  const late: { environments: EnvironmentService | null } = { environments: null };
  const runner = new AppRunner(folder, {
    db,
    dataDir: scratchFolder(),
    release: (environment, installation) => late.environments!.release(environment, installation),
    variables: (environment) => late.environments!.variables.values(environment),
  });
  const secrets = memorySecrets();
  const environments = new EnvironmentService(db, secrets, folder, () => runner);
  late.environments = environments;
  open.push({ close: () => db.close() }, runner);
  const radar = () => runner.run({ functionKey: 'getIssueRadar', resolverKeys: ['getIssueRadar'], environment: 'production' });
  return { folder, runner, environments, secrets, radar };
}

const edit = (folder: string, file: string, change: (text: string) => string) => writeFileSync(path.join(folder, file), change(readFileSync(path.join(folder, file), 'utf8')));

describe('production runs only deployed versions', () => {
  it('refuses to run before a deploy, then runs the deployed code, not later edits (no hot reload)', async () => {
    const { folder, runner, environments, radar } = setUp();
    await expect(radar()).rejects.toThrow(/production runs only deployed versions.*Deploy first/);
    const { deployment } = await environments.deploy('production');
    expect(deployment.label).toBe('1.0');
    expect((await radar()).result).toMatchObject({ status: 'In Progress' });

    edit(folder, 'src/index.js', (text) => text.replace("status: issue.fields.status?.name ?? 'Unknown',", "status: 'edited after deploy',"));
    expect((await radar()).result).toMatchObject({ status: 'In Progress' });
    // Development follows the source as it is edited.
    expect((await runner.run({ functionKey: 'getIssueRadar', resolverKeys: ['getIssueRadar'] })).result).toMatchObject({ status: 'edited after deploy' });
    const minor = await environments.deploy('production');
    expect(minor.deployment.label).toBe('1.1');
    expect((await radar()).result).toMatchObject({ status: 'edited after deploy' });
  });
});

describe('re-approval', () => {
  it('keeps an installation on its approved version after a major deploy, until the admin approves', async () => {
    const { folder, runner, environments, radar } = setUp();
    await environments.deploy('production');
    // The new version reads issue changelogs too, which needs a scope the admin has not approved.
    edit(folder, 'manifest.yml', (text) => text.replace('    - storage:app\n', '    - storage:app\n    - write:jira-work\n'));
    edit(folder, 'src/index.js', (text) =>
      text.replace(
        'export const handler',
        `resolver.define('touch', async () => (await api.asApp().requestJira(route\`/rest/api/3/issue/DEMO-1\`, { method: 'PUT', body: '{}' })).status);\nexport const handler`,
      ),
    );
    const { deployment, awaitingApproval } = await environments.deploy('production');
    expect(deployment).toMatchObject({ label: '2.0', reasons: ['adds the scope write:jira-work'] });
    expect(awaitingApproval).toEqual(['local-jira']);
    // Still version 1.0 for the installation: its code (no `touch`) and its permissions.
    expect((await radar()).status).toBe('ok');
    const touch = () => runner.run({ functionKey: 'touch', resolverKeys: ['touch'], environment: 'production' });
    await expect(touch()).rejects.toThrow(/Resolver key "touch" cannot run: no module's resolver function defines "touch" \("resolver" defines "getIssueRadar"\)/);
    environments.approve('production', 'local-jira');
    expect((await touch()).calls[0]).toMatchObject({ allowed: true, method: 'PUT' });
    expect(environments.deployments.release('production', 'local-jira')).toMatchObject({ deployment: { label: '2.0' }, awaitingApproval: null });
  });

  it('enforces the approved scopes in development too once versions are deployed, not the edited manifest', async () => {
    const { folder, runner, environments } = setUp();
    await environments.deploy('development');
    edit(folder, 'manifest.yml', (text) => text.replace('    - storage:app\n', '    - storage:app\n    - write:jira-work\n'));
    edit(folder, 'src/index.js', (text) =>
      text.replace(
        'export const handler',
        `resolver.define('touch', async () => (await api.asApp().requestJira(route\`/rest/api/3/issue/DEMO-1\`, { method: 'PUT', body: '{}' })).status);\nexport const handler`,
      ),
    );
    await environments.deploy('development');
    const touch = () => runner.run({ functionKey: 'touch', resolverKeys: ['touch'] });
    expect((await touch()).calls[0]).toMatchObject({ allowed: false, reason: expect.stringContaining('needs the scope write:jira-work, which the installation has not approved') });
    environments.approve('development', 'local-jira');
    expect((await touch()).calls[0]).toMatchObject({ allowed: true });
  });
});

describe('variables', () => {
  it('reach app code as process.env, secret ones from the keychain and never listed', async () => {
    const { folder, runner, environments, secrets } = setUp();
    edit(folder, 'src/index.js', (text) =>
      text.replace(
        'export const handler',
        `resolver.define('env', async () => ({ region: process.env.REGION, key: process.env.API_KEY ? 'set' : 'missing', other: process.env.HOME ?? null }));\nexport const handler`,
      ),
    );
    await environments.variables.set('development', 'REGION', 'eu-west', false);
    await environments.variables.set('development', 'API_KEY', 'sk-live-123456', true);
    expect((await runner.run({ functionKey: 'env', resolverKeys: ['env'] })).result).toEqual({ region: 'eu-west', key: 'set', other: null });
    expect(environments.listVariables('development')).toEqual([
      expect.objectContaining({ key: 'API_KEY', value: null, secret: true }),
      expect.objectContaining({ key: 'REGION', value: 'eu-west', secret: false }),
    ]);
    expect(secrets.stored.get('development:API_KEY')).toBe('sk-live-123456');
    expect(await runner.run({ functionKey: 'env', resolverKeys: ['env'], environment: 'staging' }).catch((error: Error) => error.message)).toContain('staging runs only deployed versions');
    await expect(environments.variables.set('development', '1BAD', 'x', false)).rejects.toThrow(/not a variable name/);
  });
});

describe('custom environments', () => {
  it('are created and deleted by name; the platform\u2019s own cannot be deleted', async () => {
    const { environments } = setUp();
    environments.book.create('dev-alice');
    expect(environments.list().map((environment) => `${environment.key}:${environment.kind}`)).toEqual(['development:development', 'staging:staging', 'production:production', 'dev-alice:custom']);
    expect(() => environments.book.create('Dev Alice')).toThrow(/not an environment name/);
    await expect(environments.delete('production')).rejects.toThrow(/cannot be deleted/);
    await environments.delete('dev-alice');
    expect(environments.list()).toHaveLength(3);
  });
});
