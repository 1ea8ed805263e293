import { jsonResponse, type GatewayResponse } from './call-record';

/** An OpenAI-compatible server the developer named in settings (a local model server, for example), and its key from the keychain. */
export interface LlmEndpoint {
  /** The API's base URL, e.g. http://127.0.0.1:11434/v1 (requests go to `<url>/chat/completions` and `<url>/models`). */
  url: string;
  /** The model the server runs every chat with; null sends the app's model name as it is. */
  model: string | null;
  /** The API key, read from the keychain only when a call is forwarded; null when the server needs none. */
  apiKey: () => Promise<string | null>;
}

// Far above any chat answer; a bigger one is refused rather than held in memory.
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
// A local model can take its time on a first load; the invocation's own time limit still applies.
const FORWARD_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Sends a Forge LLMs chat to the endpoint as an OpenAI chat completion and maps the answer back to
 * the shape @forge/llm returns. The host sends it: app code chooses neither the URL nor the headers,
 * and never sees the key (it is taken out of any text that comes back).
 */
export async function chatThroughEndpoint(endpoint: LlmEndpoint, model: string, prompt: Record<string, unknown>): Promise<GatewayResponse> {
  const body = {
    model: endpoint.model ?? model,
    messages: Array.isArray(prompt.messages) ? prompt.messages.map(openAiMessage) : prompt.messages,
    ...pick(prompt, ['temperature', 'max_completion_tokens', 'top_p', 'tools', 'tool_choice']),
    stream: false,
  };
  const answer = await send(endpoint, 'chat/completions', 'POST', JSON.stringify(body));
  if (!answer.ok) return answer.response;
  const value = answer.json as { choices?: unknown; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown } };
  if (!Array.isArray(value.choices)) return failure(502, `The LLM endpoint ${endpoint.url} answered without "choices"; is it OpenAI-compatible?`);
  const usage = value.usage;
  return jsonResponse(200, {
    choices: value.choices.map((choice: { finish_reason?: unknown; index?: unknown; message?: { content?: unknown; tool_calls?: unknown } }, index: number) => ({
      finish_reason: typeof choice.finish_reason === 'string' ? choice.finish_reason : 'stop',
      index: typeof choice.index === 'number' ? choice.index : index,
      message: {
        role: 'assistant',
        content: choice.message?.content ?? '',
        ...(Array.isArray(choice.message?.tool_calls) ? { tool_calls: choice.message.tool_calls.map(forgeToolCall) } : {}),
      },
    })),
    ...(usage ? { usage: { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens, total_tokens: usage.total_tokens } } : {}),
  });
}

/** `list()`: the endpoint's models, in @forge/llm's shape. */
export async function modelsThroughEndpoint(endpoint: LlmEndpoint): Promise<GatewayResponse> {
  const answer = await send(endpoint, 'models', 'GET', null);
  if (!answer.ok) return answer.response;
  const data = (answer.json as { data?: unknown }).data;
  const models = Array.isArray(data) ? data.flatMap((entry: { id?: unknown }) => (typeof entry?.id === 'string' ? [{ model: entry.id, status: 'active' }] : [])) : [];
  return jsonResponse(200, { models });
}

async function send(endpoint: LlmEndpoint, route: string, method: string, body: string | null): Promise<{ ok: true; json: unknown } | { ok: false; response: GatewayResponse }> {
  const key = await endpoint.apiKey();
  const scrub = (text: string) => (key ? text.split(key).join('***') : text);
  const url = `${endpoint.url.replace(/\/+$/, '')}/${route}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      ...(body === null ? {} : { body }),
      // A redirect would carry the key somewhere the developer did not name.
      redirect: 'manual',
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      ok: false,
      response: failure(
        502,
        scrub(
          `Anvil could not reach the LLM endpoint ${endpoint.url} set in its settings (${cause?.code ?? cause?.message ?? (error as Error).message}); start the model server, or clear the setting to answer from fixtures.`,
        ),
      ),
    };
  }
  const text = await response.text();
  if (text.length > MAX_ANSWER_BYTES) return { ok: false, response: failure(502, `The LLM endpoint ${endpoint.url} answered with more than ${MAX_ANSWER_BYTES} bytes; Anvil did not pass it on.`) };
  if (response.status < 200 || response.status > 299) {
    return { ok: false, response: failure(response.status >= 400 ? response.status : 502, scrub(`The LLM endpoint ${endpoint.url} answered ${response.status}: ${text.slice(0, 500)}`)) };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: failure(502, `The LLM endpoint ${endpoint.url} answered with something that is not JSON; is it OpenAI-compatible?`) };
  }
}

/** @forge/llm's error shape: its client throws a ForgeLlmAPIError with this code and message. */
function failure(status: number, message: string): GatewayResponse {
  return jsonResponse(status, { code: 'ANVIL_LLM_ENDPOINT_ERROR', message });
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

// Forge gives a tool call's arguments as an object; OpenAI as JSON text.
function openAiMessage(message: unknown): unknown {
  if (typeof message !== 'object' || message === null) return message;
  const toolCalls = (message as { tool_calls?: unknown }).tool_calls;
  if (!Array.isArray(toolCalls)) return message;
  return {
    ...message,
    tool_calls: toolCalls.map((call: { id?: unknown; type?: unknown; function?: { name?: unknown; arguments?: unknown } }) => ({
      id: call.id,
      type: call.type ?? 'function',
      function: { name: call.function?.name, arguments: typeof call.function?.arguments === 'string' ? call.function.arguments : JSON.stringify(call.function?.arguments ?? {}) },
    })),
  };
}

function forgeToolCall(call: { id?: unknown; type?: unknown; index?: unknown; function?: { name?: unknown; arguments?: unknown } }, index: number): unknown {
  let args: unknown = call.function?.arguments ?? {};
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args) as unknown;
    } catch {
      // Arguments that are not JSON are passed on as the model wrote them.
    }
  }
  return { id: call.id, type: 'function', index: typeof call.index === 'number' ? call.index : index, function: { name: call.function?.name, arguments: args } };
}
