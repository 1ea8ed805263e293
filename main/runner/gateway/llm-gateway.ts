import { modulesOf } from '../../manifest';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';
import { chatThroughEndpoint, modelsThroughEndpoint, type LlmEndpoint } from './llm-endpoint';
import { chatFromFixtures, modelsFromFixtures } from './llm-fixtures';

export type { LlmEndpoint };

/** Where Forge LLMs calls are answered: the developer's endpoint when one is set in settings, otherwise the app's fixtures. */
export interface LlmOptions {
  endpoint: () => Promise<LlmEndpoint | null>;
}

// @forge/llm sends every call to this base: `https://llm` for the model list, `https://llm/<model>` for a chat.
const LLM_BASE = 'https://llm';

/** The model families the manifest's `llm` modules declare (`modules.llm[].model`). */
export function declaredLlmFamilies(manifest: unknown): string[] {
  return modulesOf(manifest)
    .filter((module) => module.type === 'llm')
    .flatMap((module) => (Array.isArray(module.value.model) ? module.value.model.filter((family): family is string => typeof family === 'string') : []));
}

/**
 * A call from @forge/llm (`chat`, `stream`, `list`): allowed only when the manifest declares an
 * `llm` module whose families cover the model, as the platform checks it like a permission; then
 * answered by the developer's endpoint (forwarded by the host) or the app's fixtures.
 */
export async function llmCall(
  appFolder: string,
  manifest: unknown,
  request: { method: string; url: string; body: string | null },
  options: LlmOptions | null,
): Promise<{ response: GatewayResponse; record: CallRecord }> {
  const method = request.method.toUpperCase();
  const rest = request.url.startsWith(LLM_BASE) ? request.url.slice(LLM_BASE.length) : request.url;
  let model: string | null = null;
  try {
    model = rest === '' || rest === '/' ? null : decodeURIComponent(rest.replace(/^\//, ''));
  } catch {
    model = rest;
  }
  const target = `Forge LLMs ${model ?? 'models'}`;
  const refuse = (status: number, code: string, message: string) => ({
    response: jsonResponse(status, { code, message }),
    record: { kind: 'product' as const, target, method, allowed: false, reason: message },
  });

  const families = declaredLlmFamilies(manifest);
  if (families.length === 0) {
    return refuse(
      403,
      'LLM_MODULE_NOT_DECLARED',
      'The app does not declare the llm module, so it may not use Forge LLMs. Add it to manifest.yml: modules: llm: - key: <a key> model: [claude], then deploy (and upgrade installations) to use it.',
    );
  }
  if (model !== null && !families.some((family) => model === family || model.startsWith(`${family}-`) || model.startsWith(`${family}:`))) {
    return refuse(
      403,
      'LLM_MODEL_NOT_DECLARED',
      `The model ${model} is not in a family the app's llm module declares (${families.join(', ')}); add its family to modules.llm[].model in manifest.yml.`,
    );
  }

  const endpoint = options ? await options.endpoint() : null;
  if (model === null) {
    if (method !== 'GET') return refuse(400, 'ANVIL_BAD_LLM_CALL', `Forge LLMs takes ${method} only with a model; use chat({ model, messages }).`);
    if (endpoint) return forwarded(await modelsThroughEndpoint(endpoint), endpoint, target, method);
    const answer = await modelsFromFixtures(appFolder);
    return { response: answer.response, record: { kind: 'product', target, method, allowed: true, reason: fixtureReason(answer.fixture), fixture: answer.fixture } };
  }
  if (method !== 'POST') return refuse(400, 'ANVIL_BAD_LLM_CALL', `Forge LLMs takes a chat as a POST; ${method} ${request.url} is not one.`);
  let prompt: Record<string, unknown>;
  try {
    const parsed = JSON.parse(request.body ?? '') as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    prompt = parsed as Record<string, unknown>;
  } catch {
    return refuse(400, 'ANVIL_BAD_LLM_CALL', 'The chat request body is not a JSON object; call chat({ model, messages }) from @forge/llm.');
  }
  // Streaming or not, the answer is the same; @forge/llm reads a streamed answer as lines of JSON, and one whole answer is one line.
  const { stream: _stream, model: _model, ...question } = prompt;
  if (endpoint) return forwarded(await chatThroughEndpoint(endpoint, model, question), endpoint, target, method);
  const answer = await chatFromFixtures(appFolder, model, question);
  return { response: answer.response, record: { kind: 'product', target, method, allowed: true, reason: fixtureReason(answer.fixture), fixture: answer.fixture } };
}

function forwarded(response: GatewayResponse, endpoint: LlmEndpoint, target: string, method: string): { response: GatewayResponse; record: CallRecord } {
  const model = endpoint.model ? ` as ${endpoint.model}` : '';
  return { response, record: { kind: 'product', target, method, allowed: true, reason: `forwarded by Anvil to the LLM endpoint ${endpoint.url}${model} (answered ${response.status})` } };
}

function fixtureReason(fixture: { file: string; found: boolean }): string {
  return fixture.found ? `answered from ${fixture.file}` : `no answer yet: fill in ${fixture.file}, which Anvil created with the prompt`;
}
