import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oneFunctionManifest, smallApp } from '../../testing';
import { useForgeLlm1 } from '../../testing/forge-api-release';
import { AppRunner, type AppRunnerOptions } from '../app-runner';

const LLM_MANIFEST = `${oneFunctionManifest()}
`.replace('modules:\n', 'modules:\n  llm:\n    - key: assistant\n      model:\n        - claude\n');

// The app reports what chat() and list() gave it, or the error @forge/llm threw, as it would see them.
const SOURCE = `import { chat, list } from '@forge/llm';
export async function main(payload) {
  try {
    return payload.list ? await list() : await chat(payload.prompt);
  } catch (error) {
    return { error: error.name, code: error.code, status: error.status, message: error.message };
  }
}
`;

const PROMPT = {
  model: 'claude-3-5-haiku-20241022',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'Name a colour.' },
  ],
  temperature: 0.2,
};

const runners: AppRunner[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) runner.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function llmApp(manifest = LLM_MANIFEST): string {
  const app = smallApp(manifest, SOURCE);
  useForgeLlm1(app);
  return app;
}

function runnerFor(app: string, options: Partial<AppRunnerOptions> = {}): AppRunner {
  const runner = new AppRunner(app, { dataDir: null, ...options });
  runners.push(runner);
  return runner;
}

describe('Forge LLMs from fixtures', () => {
  it('keeps the fixture of a model name written to climb out of the folder inside the app’s LLM fixtures, one file name deep', async () => {
    const app = llmApp();
    const runner = runnerFor(app);
    const outcome = await runner.run({ functionKey: 'main', payload: { prompt: { ...PROMPT, model: 'claude-3/../../../../../escaped' } } });
    expect(outcome.status).toBe('ok');
    const file = outcome.calls[0]!.fixture!.file;
    expect(file).toMatch(/^\.anvil\/fixtures\/llm\/[^/]+\/[0-9a-f]{16}\.json$/);
    expect(existsSync(path.join(app, file))).toBe(true);
    expect(existsSync(path.join(app, '..', 'escaped'))).toBe(false);
  });

  it('an unanswered chat creates a fixture naming the model and the prompt; filled in, it answers chat() as @forge/llm returns it', async () => {
    const app = llmApp();
    const runner = runnerFor(app);
    const first = await runner.run({ functionKey: 'main', payload: { prompt: PROMPT } });
    expect(first.status).toBe('ok');
    const call = first.calls[0]!;
    expect(call).toMatchObject({ kind: 'product', target: 'Forge LLMs claude-3-5-haiku-20241022', allowed: true, fixture: { found: false } });
    const file = call.fixture!.file;
    expect(file).toMatch(/^\.anvil\/fixtures\/llm\/claude-3-5-haiku-20241022\/[0-9a-f]{16}\.json$/);
    expect(first.result).toMatchObject({ error: 'ForgeLlmAPIError', code: 'ANVIL_NO_FIXTURE', status: 404 });
    expect((first.result as { message: string }).message).toContain(file);
    const created = JSON.parse(readFileSync(path.join(app, file), 'utf8')) as Record<string, unknown>;
    expect(created).toMatchObject({ model: PROMPT.model, prompt: { messages: PROMPT.messages, temperature: 0.2 }, body: null });

    const answer = { choices: [{ finish_reason: 'stop', index: 0, message: { role: 'assistant', content: 'Teal.' } }], usage: { input_tokens: 12, output_tokens: 2, total_tokens: 14 } };
    writeFileSync(path.join(app, file), JSON.stringify({ ...created, body: answer }));
    const filled = await runner.run({ functionKey: 'main', payload: { prompt: { ...PROMPT, messages: PROMPT.messages.map((message) => ({ content: message.content, role: message.role })) } } });
    expect(filled.result).toEqual(answer);
    expect(filled.calls[0]).toMatchObject({ allowed: true, fixture: { file, found: true } });

    // Another prompt is another file; the first answer is not reused for it.
    const other = await runner.run({ functionKey: 'main', payload: { prompt: { ...PROMPT, temperature: 0.9 } } });
    expect(other.calls[0]!.fixture!.file).not.toBe(file);
    expect(other.result).toMatchObject({ code: 'ANVIL_NO_FIXTURE' });
  }, 90_000);

  it('refuses chat() when the manifest declares no llm module, naming the fix, and creates no fixture', async () => {
    const app = llmApp(oneFunctionManifest());
    const outcome = await runnerFor(app).run({ functionKey: 'main', payload: { prompt: PROMPT } });
    expect(outcome.result).toMatchObject({ error: 'ForgeLlmAPIError', code: 'LLM_MODULE_NOT_DECLARED', status: 403 });
    expect((outcome.result as { message: string }).message).toContain('modules: llm:');
    expect(outcome.calls[0]).toMatchObject({ kind: 'product', allowed: false });
    expect(existsSync(path.join(app, '.anvil', 'fixtures', 'llm'))).toBe(false);
  }, 90_000);

  it('refuses a model outside the families the llm module declares', async () => {
    const outcome = await runnerFor(llmApp()).run({ functionKey: 'main', payload: { prompt: { ...PROMPT, model: 'gpt-4o' } } });
    expect(outcome.result).toMatchObject({ code: 'LLM_MODEL_NOT_DECLARED', status: 403 });
    expect((outcome.result as { message: string }).message).toContain('modules.llm[].model');
  }, 90_000);
});

describe('Forge LLMs forwarded to an OpenAI-compatible endpoint', () => {
  const KEY = 'sk-local-8d1f0c2e9b7a4f3d';

  async function standIn(
    answer: (route: string, headers: http.IncomingHttpHeaders) => unknown,
    status = 200,
  ): Promise<{ url: string; requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] }> {
    const requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ method: request.method!, url: request.url!, headers: request.headers, body });
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer(request.url!, request.headers)));
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests };
  }

  it('sends chat() and list() from the host with the keychain key, maps both ways, and app code never sees the key', async () => {
    const server = await standIn((route) =>
      route.endsWith('/models')
        ? { object: 'list', data: [{ id: 'llama3.2', object: 'model' }] }
        : {
            id: 'chatcmpl-1',
            choices: [
              {
                index: 0,
                finish_reason: 'tool_calls',
                message: { role: 'assistant', content: null, tool_calls: [{ id: 'call-1', type: 'function', function: { name: 'lookup', arguments: '{"city":"Oslo"}' } }] },
              },
            ],
            usage: { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 },
          },
    );
    const app = llmApp();
    let keyReads = 0;
    const runner = runnerFor(app, {
      llm: {
        endpoint: async () => ({
          url: server.url,
          model: 'llama3.2',
          apiKey: async () => {
            keyReads += 1;
            return KEY;
          },
        }),
      },
    });
    const prompt = {
      ...PROMPT,
      max_completion_tokens: 100,
      messages: [...PROMPT.messages, { role: 'assistant', content: '', tool_calls: [{ id: 'call-0', type: 'function', index: 0, function: { name: 'lookup', arguments: { city: 'Bergen' } } }] }],
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Weather', parameters: { type: 'object' } } }],
    };
    const chatted = await runner.run({ functionKey: 'main', payload: { prompt } });
    expect(chatted.result).toEqual({
      choices: [
        {
          finish_reason: 'tool_calls',
          index: 0,
          // Forge's content is always text: the tool-calling answer's null content becomes "".
          message: { role: 'assistant', content: '', tool_calls: [{ id: 'call-1', type: 'function', index: 0, function: { name: 'lookup', arguments: { city: 'Oslo' } } }] },
        },
      ],
      usage: { input_tokens: 30, output_tokens: 9, total_tokens: 39 },
    });
    const listed = await runner.run({ functionKey: 'main', payload: { list: true } });
    expect(listed.result).toEqual({ models: [{ model: 'llama3.2', status: 'active' }] });

    const [chatRequest, listRequest] = server.requests;
    expect(chatRequest).toMatchObject({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } });
    expect(JSON.parse(chatRequest!.body)).toEqual({
      model: 'llama3.2',
      messages: [...PROMPT.messages, { role: 'assistant', content: '', tool_calls: [{ id: 'call-0', type: 'function', function: { name: 'lookup', arguments: '{"city":"Bergen"}' } }] }],
      temperature: 0.2,
      max_completion_tokens: 100,
      tools: prompt.tools,
      stream: false,
    });
    expect(listRequest).toMatchObject({ method: 'GET', url: '/v1/models', headers: { authorization: `Bearer ${KEY}` } });
    expect(keyReads).toBe(2);
    // Nothing the invocations returned, logged or recorded carries the key.
    expect(JSON.stringify([chatted, listed])).not.toContain(KEY);
    expect(existsSync(path.join(app, '.anvil', 'fixtures', 'llm'))).toBe(false);
  }, 90_000);

  it('names the endpoint when it cannot be reached, and never the key', async () => {
    const server = await standIn(() => ({}));
    const url = server.url;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const outcome = await runnerFor(llmApp(), { llm: { endpoint: async () => ({ url, model: null, apiKey: async () => KEY }) } }).run({ functionKey: 'main', payload: { prompt: PROMPT } });
    expect(outcome.result).toMatchObject({ error: 'ForgeLlmAPIError', status: 502 });
    expect((outcome.result as { message: string }).message).toContain(`could not reach the LLM endpoint ${url}`);
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  }, 90_000);

  it('passes on an endpoint’s refusal with the key taken out, even when the endpoint echoes it', async () => {
    const server = await standIn((_route, headers) => ({ error: { message: `Incorrect API key provided: ${String(headers.authorization)}` } }), 401);
    const outcome = await runnerFor(llmApp(), { llm: { endpoint: async () => ({ url: server.url, model: null, apiKey: async () => KEY }) } }).run({ functionKey: 'main', payload: { prompt: PROMPT } });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ model: PROMPT.model });
    expect(outcome.result).toMatchObject({ error: 'ForgeLlmAPIError', status: 401, message: expect.stringContaining('Incorrect API key provided: Bearer ***') });
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  }, 90_000);
});
