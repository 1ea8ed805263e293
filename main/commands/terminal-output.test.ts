import { describe, expect, it } from 'vitest';
import { CONTINUATION_MARK } from '../../common/terminal-text';
import { runCli } from '../cli';
import { capturedIO, scratchFolder, smallApp } from '../testing';

const MANIFEST = `
modules:
  webtrigger:
    - key: hook
      function: hostile
  function:
    - key: hostile
      handler: index.hostile
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
  runtime:
    name: nodejs22.x
`;

// Sets the clipboard (OSC 52), clears the screen, plants a link (OSC 8), overwrites the line, and forges a log line.
const HOSTILE = 'copied \\x1b]52;c;ZXZpbA==\\x07 cleared \\x1b[2J \\x1b]8;;https://evil.example/\\x1b\\\\click\\x1b]8;;\\x1b\\\\ \\u009b31m \\rOVERWRITE\\nINFO  00:00:00.000 fake     all is well';
const SOURCE = `export async function hostile(request) {
  console.log("${HOSTILE}");
  // Run by key or through its URL, the function of a web trigger gets a request and answers one.
  return { statusCode: 200, body: "${HOSTILE}" };
}
`;

/** What the app sent reached the terminal only as visible escapes: no control character but Anvil's own colours. */
function expectNothingObeyed(out: string[]): void {
  const printed = out.join('\n');
  expect(printed.replace(/\x1b\[\d+m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  // No printed line begins with the forged level: the fake line stays inside the real one.
  expect(out.flatMap((line) => line.split('\n')).some((line) => line.startsWith('INFO  00:00:00.000 fake'))).toBe(false);
}

describe('app output on the command line', () => {
  it('run shows the app\u2019s escapes, clipboard writes and fake lines instead of obeying them, and keeps its own colours', async () => {
    const app = smallApp(MANIFEST, SOURCE);
    const dataDir = scratchFolder();
    const run = capturedIO();
    expect(await runCli(['run', app, 'hostile', '--data-dir', dataDir], run.io)).toBe(0);
    expectNothingObeyed(run.out);
    expect(run.out[0]).toMatch(/^\x1b\[0mLOG {2}\x1b\[0m /);
    expect(run.out.join('\n')).toContain('copied \\x1b]52;c;ZXZpbA==\\x07 cleared \\x1b[2J');
    expect(run.out.join('\n')).toContain(`\\x9b31m \\rOVERWRITE\n${CONTINUATION_MARK}INFO  00:00:00.000 fake`);

    const json = capturedIO();
    expect(await runCli(['run', app, 'hostile', '--json', '--data-dir', dataDir], json.io)).toBe(0);
    expectNothingObeyed(json.out);
    expect((JSON.parse(json.out.at(-1)!) as { result: { body: string } }).result.body).toContain('\u009b31m \rOVERWRITE\nINFO');

    const logs = capturedIO();
    expect(await runCli(['logs', app, '--data-dir', dataDir], logs.io)).toBe(0);
    expect(logs.out).toHaveLength(2);
    expectNothingObeyed(logs.out);
    const logsJson = capturedIO();
    expect(await runCli(['logs', app, '--json', '--data-dir', dataDir], logsJson.io)).toBe(0);
    expectNothingObeyed(logsJson.out);
  }, 60_000);

  it('webtrigger shows what the app logs for a request, escaped', async () => {
    const app = smallApp(MANIFEST, SOURCE);
    const served = capturedIO(async (out) => {
      const url = /http:\/\/127\.0\.0\.1:\d+\/x1\/\S+/.exec(out.join('\n'))![0];
      expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(200);
    });
    expect(await runCli(['webtrigger', app, '--data-dir', scratchFolder()], served.io)).toBe(0);
    expect(served.out.join('\n')).toContain('\\x1b]52;c;ZXZpbA==\\x07');
    expectNothingObeyed(served.out);
  }, 60_000);

  it('lint shows escapes a cloned manifest carries in its scopes and keys instead of obeying them', async () => {
    // YAML double quotes turn \e into ESC: a scope and a function key that would clear the screen and set the clipboard.
    const manifest = MANIFEST.replace('scopes: []', 'scopes:\n    - "read:jira-work\\e]52;c;ZXZpbA==\\a\\e[2J"').replace('handler: index.hostile', 'handler: "index.hostile\\e[2J\\nERROR fake"');
    const app = smallApp(manifest, SOURCE);
    const text = capturedIO();
    // Its own data folder: lint keeps its caches there, never in the user's.
    const dataDir = scratchFolder();
    expect(await runCli(['lint', app, '--data-dir', dataDir], text.io)).toBe(1);
    expectNothingObeyed(text.out);
    expect(text.out.join('\n')).toContain('read:jira-work\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J');
    const json = capturedIO();
    await runCli(['lint', app, '--json', '--data-dir', dataDir], json.io);
    expect(json.out.join('')).not.toMatch(/[\u007f-\u009f]/);
    expect(JSON.stringify(JSON.parse(json.out.join('')))).toContain('read:jira-work');
  }, 60_000);
});
