import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppCopy } from '../../testing';
import { answerFromFixtures, readFixture, writeFixture } from './product-gateway';

describe('fixtures', () => {
  it('a miss says which file to add; writing that file answers the next call', async () => {
    const app = sampleAppCopy();
    const miss = await answerFromFixtures(app, { product: 'jira', method: 'GET', path: '/rest/api/3/project/DEMO', body: null });
    expect(miss.fixture).toEqual({ file: '.anvil/fixtures/jira/GET/rest/api/3/project/{projectIdOrKey}.json', found: false });
    expect(miss.response.body).toContain('add .anvil/fixtures/jira/GET/rest/api/3/project/{projectIdOrKey}.json');
    expect(await readFixture(app, miss.fixture.file)).toContain('"status": 200');
    await writeFixture(app, miss.fixture.file, '{"status": 200, "body": {"key": "DEMO"}}');
    const hit = await answerFromFixtures(app, { product: 'jira', method: 'GET', path: '/rest/api/3/project/DEMO', body: null });
    expect(hit.response).toMatchObject({ status: 200, body: '{"key":"DEMO"}' });
  });

  it('refuses to write outside the fixtures folder, or text that is not a fixture, and keeps what was there', async () => {
    const app = sampleAppCopy();
    await expect(writeFixture(app, 'src/index.js', '{}')).rejects.toThrow('is not a fixture');
    await expect(writeFixture(app, '.anvil/fixtures/../../manifest.json', '{}')).rejects.toThrow('is not a fixture');
    const file = '.anvil/fixtures/jira/GET/rest/api/3/issue/{issueIdOrKey}.json';
    const before = readFileSync(path.join(app, file), 'utf8');
    await expect(writeFixture(app, file, '{ not json')).rejects.toThrow('nothing was saved');
    expect(readFileSync(path.join(app, file), 'utf8')).toBe(before);
  });
});
