import { createHash } from 'node:crypto';
import path from 'node:path';
import { jsonResponse, type GatewayResponse } from './call-record';
import { FIXTURES_FOLDER, readFixtureFile, writeFixtureFile } from './fixture-files';
import { fixtureResponse } from './product-gateway';

/** Where the answers to Forge LLMs calls live in an app: one folder per model, one file per prompt. */
export const LLM_FIXTURES = `${FIXTURES_FOLDER}/llm`;

const FILL_HINT =
  'Replace "body": null with the answer @forge/llm returns, e.g. {"choices": [{"finish_reason": "stop", "index": 0, "message": {"role": "assistant", "content": "…"}}], "usage": {"input_tokens": 10, "output_tokens": 5, "total_tokens": 15}}';

export interface LlmFixtureAnswer {
  response: GatewayResponse;
  fixture: { file: string; found: boolean };
}

/**
 * The answer to a chat from the app's fixtures. A prompt seen for the first time creates its file in
 * place (naming the model and holding the prompt, with `"body": null`) for the developer to fill; until
 * it is filled, the call is answered with an error naming that file. `prompt` is the request body
 * without the model and without `stream`, which does not change the answer.
 */
export async function chatFromFixtures(appFolder: string, model: string, prompt: Record<string, unknown>): Promise<LlmFixtureAnswer> {
  const relative = `${LLM_FIXTURES}/${fileSafe(model)}/${promptHash(prompt)}.json`;
  const template = `${JSON.stringify({ model, prompt, fill: FILL_HINT, status: 200, body: null }, null, 2)}\n`;
  return answerOrCreate(appFolder, relative, template, `Anvil has no answer yet for this chat with ${model}: fill in "body" in ${relative}, which it has just created with the prompt`);
}

/** The model list (`list()`): one fixture for the app, created in place the first time it is asked for. */
export async function modelsFromFixtures(appFolder: string): Promise<LlmFixtureAnswer> {
  const relative = `${LLM_FIXTURES}/models.json`;
  const hint = 'Replace "body": null with the list @forge/llm returns, e.g. {"models": [{"model": "claude-3-5-haiku-20241022", "status": "active"}]}';
  const template = `${JSON.stringify({ fill: hint, status: 200, body: null }, null, 2)}\n`;
  return answerOrCreate(appFolder, relative, template, `Anvil has no model list yet: fill in "body" in ${relative}, which it has just created`);
}

async function answerOrCreate(appFolder: string, relative: string, template: string, missing: string): Promise<LlmFixtureAnswer> {
  const file = path.join(appFolder, ...relative.split('/'));
  let text: string | null;
  try {
    text = await readFixtureFile(appFolder, file);
    if (text === null) {
      await writeFixtureFile(appFolder, file, template);
      text = template;
    }
  } catch (error) {
    // A fixture path through a link, or not a plain file: the app gets an error naming the file and the fix.
    return { response: jsonResponse(500, { code: 'ANVIL_FIXTURE_ERROR', message: (error as Error).message }), fixture: { file: relative, found: true } };
  }
  if (unfilled(text)) return { response: jsonResponse(404, { code: 'ANVIL_NO_FIXTURE', message: missing }), fixture: { file: relative, found: false } };
  const response = fixtureResponse(text, relative);
  // A fixture's own error (a broken file) keeps @forge/llm's error shape: code and message.
  if (response.status >= 400 && response.body.startsWith('{"message":')) {
    const parsed = JSON.parse(response.body) as { message: string };
    return { response: jsonResponse(response.status, { code: 'ANVIL_FIXTURE_ERROR', message: parsed.message }), fixture: { file: relative, found: true } };
  }
  return { response, fixture: { file: relative, found: true } };
}

// A created file the developer has not filled yet: JSON whose body is still null.
function unfilled(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { body?: unknown }).body === null;
  } catch {
    return false;
  }
}

/** A model name as a single file name: app code chooses it, so nothing in it may steer the path. */
function fileSafe(model: string): string {
  const safe = model
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 100);
  return safe === '' ? '_' : safe;
}

/** The same prompt (whatever the order of its keys) always names the same file. */
function promptHash(prompt: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(prompt)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
