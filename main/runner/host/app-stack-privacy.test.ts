import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../project-root';
import { scratchFolder, smallApp } from '../../testing';
import { AppRunner } from '../app-runner';

const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));

const manifest = `
modules:
  function:
    - key: main
      handler: index.main
    - key: thrower
      handler: index.thrower
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000078
  runtime:
    name: nodejs22.x
`;

// Every way app code reads a stack: as text, captured, as CallSites, in callbacks the runner calls
// (a timer, a reply), with the global Error replaced, and its own file names.
const HOSTILE = String.raw`
const stackOf = (run) => { try { run(); } catch (e) { return e.stack; } return 'did not throw'; };
export async function main() {
  const seen = {};
  seen.text = new Error('here').stack;
  const holder = {};
  Error.captureStackTrace(holder);
  seen.captured = holder.stack;
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, sites) => sites.map((site) => [site.getFileName(), site.getScriptNameOrSourceURL(), site.getFunctionName(), String(site)].join(' | ')).join('\n');
  seen.sites = new Error('sites').stack;
  const target = {};
  Error.captureStackTrace(target);
  seen.capturedSites = target.stack;
  seen.typeError = stackOf(() => null.x);
  Error.prepareStackTrace = previous;
  try { delete Error.prepareStackTrace; } catch {}
  seen.afterDelete = new Error('after delete').stack;
  seen.timer = await new Promise((resolve) => setTimeout(() => resolve(stackOf(() => { throw new Error('in a timer'); })), 1));
  seen.reply = await fetch('https://api.example.com/x').then(() => stackOf(() => { throw new Error('in a reply'); }), () => stackOf(() => { throw new Error('in a refusal'); }));
  const RealError = Error;
  globalThis.Error = function NotError() {};
  try {
    seen.replaced = new RealError('with Error replaced').stack;
    seen.replacedTypeError = stackOf(() => undefined.y);
  } finally {
    globalThis.Error = RealError;
  }
  seen.names = [typeof __filename === 'string' ? __filename : '', typeof __dirname === 'string' ? __dirname : ''];
  return seen;
}
export function thrower() {
  return new Promise(() => { setTimeout(() => { throw new Error('thrown in a timer: ' + new Error('inner').stack); }, 1); });
}
`;

function hostileApp() {
  const folder = smallApp(manifest, '');
  writeFileSync(path.join(folder, 'src', 'index.js'), HOSTILE);
  const dataDir = scratchFolder();
  const runner = new AppRunner(folder, { dataDir, secretKey: async () => randomBytes(32) });
  runners.push(runner);
  return { runner, folder, dataDir };
}

/** No place on this machine: the app, the data folder, Anvil's folder, the usual roots; no frame of the runner. */
function expectNoMachinePath(text: string, ...folders: string[]) {
  for (const folder of [...folders, projectRoot(), os.tmpdir(), os.homedir()]) expect(text).not.toContain(folder);
  expect(text).not.toMatch(/\/home\/|\/tmp\/|\/root\/|file:\/\/|node:|runner-child|\.ts:\d/);
}

describe('what app code learns from its own stacks', () => {
  it('names no place on the machine in error.stack, captureStackTrace, CallSites or callbacks the runner calls', async () => {
    const { runner, folder, dataDir } = hostileApp();
    const outcome = await runner.run({ functionKey: 'main' });
    expect(outcome.status).toBe('ok');
    const seen = outcome.result as Record<string, string | string[]>;
    // The app's own frames are still there, under the name it runs as.
    for (const key of ['text', 'captured', 'sites', 'capturedSites', 'typeError', 'afterDelete', 'timer', 'reply', 'replaced', 'replacedTypeError']) {
      expect(seen[key], key).toMatch(/\/var\/task\/index\.cjs:\d+:\d+/);
    }
    expect(seen.names).toEqual(['/var/task/index.cjs', '/var/task']);
    expectNoMachinePath(JSON.stringify(seen), folder, dataDir);
  });

  it('names no place on the machine in an error thrown in a timer callback', async () => {
    const { runner, folder, dataDir } = hostileApp();
    const outcome = await runner.run({ functionKey: 'thrower' });
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain('thrown in a timer');
    expectNoMachinePath(`${outcome.error}\n${outcome.logs.map((line) => line.message).join('\n')}`, folder, dataDir);
  });
});
