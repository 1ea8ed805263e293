import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../database';
import { Deployments } from './deployments';

const opened: AppDatabase[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()));

const MANIFEST = 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000017\n';

describe('deployed versions read back from the app database', () => {
  it('says in place of the reasons when the stored ones are not a list of sentences, and still deploys the next version', async () => {
    const db = openAppDatabase(null);
    opened.push(db);
    const deployments = new Deployments(db);
    await deployments.deploy('staging', MANIFEST, async () => undefined);
    expect(deployments.list('staging')).toMatchObject([{ label: '1.0', reasons: [] }]);
    db.prepare("UPDATE deployment SET reasons = ? WHERE environment = 'staging'").run('{"scope": "write:jira-work"}');
    expect(deployments.list('staging')).toMatchObject([
      { label: '1.0', manifestText: MANIFEST, reasons: ["the reasons stored with version 1 of staging in the app's database cannot be read (the content must be a list, got an object)"] },
    ]);
    db.prepare("UPDATE deployment SET reasons = ? WHERE environment = 'staging'").run('[1]');
    expect(deployments.latest('staging')?.reasons).toEqual(["the reasons stored with version 1 of staging in the app's database cannot be read (item [0] must be a string, got a number)"]);
    expect(await deployments.deploy('staging', MANIFEST, async () => undefined)).toMatchObject({ label: '1.1', reasons: [] });
  });
});
