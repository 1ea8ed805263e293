import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { SETTINGS_FILE_NAME } from '../settings';
import { oneFunctionManifest, scratchFolder, smallApp } from '../testing';
import { useForgeLlm1 } from '../testing/forge-api-release';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('anvil run with Forge LLMs', () => {
  it('sends chat() to the LLM endpoint the workbench settings name, as the workbench does', async () => {
    const bodies: unknown[] = [];
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(JSON.parse(body));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Teal.' } }] }));
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dataDir = scratchFolder();
    writeFileSync(path.join(dataDir, `${SETTINGS_FILE_NAME}.json`), JSON.stringify({ llmEndpoint: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'llama3.2' } }));
    const app = smallApp(
      oneFunctionManifest().replace('modules:\n', 'modules:\n  llm:\n    - key: assistant\n      model:\n        - claude\n'),
      "import { chat } from '@forge/llm';\nexport async function main() { const answer = await chat({ model: 'claude-3-5-haiku-20241022', messages: [{ role: 'user', content: 'A colour?' }] }); return answer.choices[0].message.content; }\n",
    );
    useForgeLlm1(app);
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => out.push(line), untilInterrupted: () => Promise.resolve() };
    expect(await runCli(['run', app, 'main', '--data-dir', dataDir, '--json'], io)).toBe(0);
    expect(out.join('\n')).toContain('Teal.');
    expect(bodies).toEqual([{ model: 'llama3.2', messages: [{ role: 'user', content: 'A colour?' }], stream: false }]);
  }, 90_000);
});
