import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('answers from a fixture of the wrong shape with an error naming the file and the field, and refuses to save one', async () => {
    const app = sampleAppCopy();
    const file = '.anvil/fixtures/jira/GET/rest/api/3/issue/{issueIdOrKey}.json';
    const call = { product: 'jira', method: 'GET', path: '/rest/api/3/issue/DEMO-1', body: null };
    const answers: unknown[] = [];
    for (const text of ['null', '{"status": "200", "body": {}}', '{"status": 200, "headers": {"x-count": 3}}', '{"status": 700}']) {
      writeFileSync(path.join(app, file), text);
      answers.push((await answerFromFixtures(app, call)).response);
    }
    const message = (problem: string) => ({ status: 500, body: JSON.stringify({ message: `The fixture ${file} is not valid: ${problem}; fix it in the Runner pane or an editor.` }) });
    expect(answers).toMatchObject([
      message('the content must be an object, got null'),
      message('status must be a whole number from 200 to 599'),
      message('headers.x-count must be a string, got a number'),
      message('status must be a whole number from 200 to 599'),
    ]);
    writeFileSync(path.join(app, file), '{"status": 200, "body": {"key": "DEMO-1"}}');
    await expect(writeFixture(app, file, '{"status": 200, "headers": ["x"]}')).rejects.toThrow('headers must be an object, got an array; nothing was saved.');
    expect(readFileSync(path.join(app, file), 'utf8')).toBe('{"status": 200, "body": {"key": "DEMO-1"}}');
  });
});

describe('fixtures in a hostile app folder', () => {
  const ISSUE = '.anvil/fixtures/jira/GET/rest/api/3/issue/{issueIdOrKey}.json';
  const ISSUE_CALL = { product: 'jira', method: 'GET', path: '/rest/api/3/issue/DEMO-1', body: null };
  const SECRET = '{"status": 200, "body": {"stolen": "SECRET-FROM-OUTSIDE"}}\n';

  /** A folder outside the app holding what a planted link points at; it must be neither read nor written. */
  function outside(): { folder: string; contents: () => Record<string, string> } {
    const folder = mkdtempSync(path.join(tmpdir(), 'anvil-outside-'));
    writeFileSync(path.join(folder, 'bashrc'), SECRET);
    const contents = () => {
      const files: Record<string, string> = {};
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else files[path.relative(folder, full)] = readFileSync(full, 'utf8');
        }
      };
      walk(folder);
      return files;
    };
    return { folder, contents };
  }

  /** Mirror the app's fixture tree under the outside folder, so a linked folder would find a fixture there. */
  function mirrorFixture(outsideFolder: string, fromFolder: string): void {
    const rest = path.relative(fromFolder, ISSUE);
    mkdirSync(path.dirname(path.join(outsideFolder, rest)), { recursive: true });
    writeFileSync(path.join(outsideFolder, rest), SECRET);
  }

  it('refuses a fixture file that is a link to a file outside the app, for reading and for writing', async () => {
    const app = sampleAppCopy();
    const { folder, contents } = outside();
    const target = path.join(folder, 'bashrc');
    rmSync(path.join(app, ISSUE));
    symlinkSync(target, path.join(app, ISSUE));

    const answered = await answerFromFixtures(app, ISSUE_CALL);
    expect(answered.response.status).toBe(500);
    expect(answered.response.body).not.toContain('SECRET-FROM-OUTSIDE');
    expect(answered.response.body).toContain(`${ISSUE} is a symbolic link`);
    expect(answered.response.body).toContain('replace the link with a copy of what it points to');
    await expect(readFixture(app, ISSUE)).rejects.toThrow(`${ISSUE} is a symbolic link`);
    await expect(writeFixture(app, ISSUE, '{"status": 200, "body": "echo pwned"}')).rejects.toThrow(`${ISSUE} is a symbolic link`);

    expect(contents()).toEqual({ bashrc: SECRET });
    expect(readlinkSync(path.join(app, ISSUE))).toBe(target);
  });

  it.each(['.anvil', '.anvil/fixtures', '.anvil/fixtures/jira', '.anvil/fixtures/jira/GET'])('refuses a linked folder %s that leads outside the app, for reading and for writing', async (linked) => {
    const app = sampleAppCopy();
    const { folder, contents } = outside();
    mirrorFixture(folder, linked);
    rmSync(path.join(app, linked), { recursive: true });
    symlinkSync(folder, path.join(app, linked));
    const before = contents();

    const answered = await answerFromFixtures(app, ISSUE_CALL);
    expect(answered.response.status).toBe(500);
    expect(answered.response.body).not.toContain('SECRET-FROM-OUTSIDE');
    expect(answered.response.body).toContain(`${linked} is a symbolic link`);
    await expect(readFixture(app, ISSUE)).rejects.toThrow(`${linked} is a symbolic link`);
    // A new fixture (folders not there yet) and an existing one: neither may land outside.
    await expect(writeFixture(app, '.anvil/fixtures/jira/GET/rest/api/3/project/{projectIdOrKey}.json', '{"status": 200}')).rejects.toThrow(`${linked} is a symbolic link`);
    await expect(writeFixture(app, ISSUE, '{"status": 200, "body": "echo pwned"}')).rejects.toThrow(`${linked} is a symbolic link`);

    expect(contents()).toEqual(before);
    expect(lstatSync(path.join(app, linked)).isSymbolicLink()).toBe(true);
  });

  it('refuses a fixture that is not a plain file (a FIFO would block the read forever)', async () => {
    const app = sampleAppCopy();
    rmSync(path.join(app, ISSUE));
    execFileSync('mkfifo', [path.join(app, ISSUE)]);
    const answered = await answerFromFixtures(app, ISSUE_CALL);
    expect(answered.response.status).toBe(500);
    expect(answered.response.body).toContain(`The fixture ${ISSUE} is not a plain file`);
  });

  it('reads and writes fixtures as usual when the app folder itself is reached through a link', async () => {
    const real = sampleAppCopy();
    const linkedApp = path.join(mkdtempSync(path.join(tmpdir(), 'anvil-link-')), 'app');
    symlinkSync(real, linkedApp);
    const file = '.anvil/fixtures/jira/GET/rest/api/3/project/{projectIdOrKey}.json';
    await writeFixture(linkedApp, file, '{"status": 200, "body": {"key": "DEMO"}}');
    expect(readFileSync(path.join(real, file), 'utf8')).toBe('{"status": 200, "body": {"key": "DEMO"}}\n');
    const hit = await answerFromFixtures(linkedApp, { product: 'jira', method: 'GET', path: '/rest/api/3/project/DEMO', body: null });
    expect(hit.response).toMatchObject({ status: 200, body: '{"key":"DEMO"}' });
  });

  it('replaces a fixture in one step, leaving no temporary file behind', async () => {
    const app = sampleAppCopy();
    await writeFixture(app, ISSUE, '{"status": 200, "body": {"n": 2}}');
    const folder = path.dirname(path.join(app, ISSUE));
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(path.join(app, ISSUE), 'utf8')).toBe('{"status": 200, "body": {"n": 2}}\n');
  });
});
