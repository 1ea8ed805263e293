import type { RunOutcome } from '../../runner';
import type { TriggerLogLine } from '../types';

/** One of a static web trigger's answers, from the manifest's `response.outputs`. */
export interface WebTriggerOutput {
  key: string;
  statusCode: number;
  contentType?: string;
  body?: string;
}

/** How the manifest says a web trigger answers (`response.type`; a trigger without `response` is dynamic). */
export interface WebTriggerDefinition {
  type: 'static' | 'dynamic';
  outputs: WebTriggerOutput[];
}

/** The HTTP answer to send. */
export interface HttpAnswer {
  statusCode: number;
  statusText?: string;
  /** Header lines in order, names as the function wrote them; a name may repeat. */
  headers: [string, string][];
  body: string;
}

export interface WebTriggerAnswer {
  answer: HttpAnswer;
  /** Why the caller got an error instead of the function's answer; null when the function's answer went out. */
  log: TriggerLogLine | null;
}

/**
 * Status for a function that ran out of time. 504 Gateway Timeout: the endpoint stands between the
 * caller and the function like a gateway, and 504 says "the thing behind me did not answer in
 * time", which a developer tells apart at a glance from 500 (the function failed) and 408 (which
 * would blame the caller). The runner enforces the platform's 55 s web trigger limit.
 */
export const TIMEOUT_STATUS = 504;

const DYNAMIC_SHAPE =
  "A dynamic web trigger's function must return {statusCode: integer 200–599, statusText?: string, headers?: {name: string[]}, body?: string}, e.g. {statusCode: 200, headers: {'Content-Type': ['application/json']}, body: JSON.stringify(data)}.";

// RFC 9110 token characters: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What Node (and HTTP/1.1) lets through in a header value or reason phrase: no line breaks, control characters or code points above U+00FF.
const BAD_HEADER_TEXT = /[^\t\x20-\x7e\x80-\xff]/;
// The server frames the body itself; a function's own framing headers would contradict it and hang or cut the caller.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'proxy-connection', 'te', 'trailer']);

/** Turn an invocation's outcome into the HTTP answer, as the platform does for this kind of web trigger. */
export function webTriggerAnswer(outcome: RunOutcome, definition: WebTriggerDefinition, moduleKey: string): WebTriggerAnswer {
  const fail = (statusCode: number, message: string): WebTriggerAnswer => failure(statusCode, message, moduleKey, outcome.invocationId);
  switch (outcome.status) {
    case 'error':
      return fail(500, `Web trigger "${moduleKey}": the function threw, so the caller gets 500. ${outcome.error ?? ''}`.trim());
    case 'timeout':
      return fail(
        TIMEOUT_STATUS,
        `Web trigger "${moduleKey}": the function did not finish within the platform's 55 s limit for web triggers, so the caller gets ${TIMEOUT_STATUS}. ${outcome.error ?? ''}`.trim(),
      );
    case 'crashed':
      return fail(500, `Web trigger "${moduleKey}": the function's runtime crashed (out of memory or killed), so the caller gets 500. ${outcome.error ?? ''}`.trim());
    case 'stopped':
      return fail(500, `Web trigger "${moduleKey}": the developer stopped the function before it answered, so the caller gets 500. ${outcome.error ?? ''}`.trim());
    case 'ok':
      return definition.type === 'static' ? staticAnswer(outcome.result, definition, fail) : dynamicAnswer(outcome.result, fail);
  }
}

/** A plain-text error answer and the matching error log line. */
export function failure(statusCode: number, message: string, moduleKey: string, invocationId: string | null): WebTriggerAnswer {
  return {
    answer: { statusCode, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: `${message}\n` },
    log: { level: 'error', moduleKey, invocationId, message },
  };
}

function dynamicAnswer(result: unknown, fail: (statusCode: number, message: string) => WebTriggerAnswer): WebTriggerAnswer {
  const problems = dynamicProblems(result);
  if (problems.length > 0) {
    const hint =
      isObject(result) && 'outputKey' in result && !('statusCode' in result) ? ' It returned {outputKey}, which only a static web trigger (manifest response.type: static) answers with.' : '';
    return fail(500, `The function's response does not fit the platform's shape, so the caller gets 500: ${problems.join('; ')}.${hint} ${DYNAMIC_SHAPE}`);
  }
  const response = result as { statusCode: number; statusText?: string; headers?: Record<string, string[]>; body?: string };
  const headers: [string, string][] = [];
  for (const [name, values] of Object.entries(response.headers ?? {})) {
    if (FRAMING_HEADERS.has(name.toLowerCase())) continue;
    for (const value of values) headers.push([name, value]);
  }
  return {
    answer: { statusCode: response.statusCode, ...(response.statusText !== undefined ? { statusText: response.statusText } : {}), headers, body: response.body ?? '' },
    log: null,
  };
}

/** Everything wrong with a dynamic response, each saying what was found and what is expected. */
function dynamicProblems(result: unknown): string[] {
  if (!isObject(result)) return [`it returned ${describe(result)} instead of a response object`];
  const problems: string[] = [];
  if (!('statusCode' in result) || result.statusCode === undefined) problems.push('statusCode is missing');
  else if (!isStatus(result.statusCode)) problems.push(`statusCode is ${describe(result.statusCode)}; it must be an integer from 200 to 599${informational(result.statusCode)}`);
  if (result.statusText !== undefined) {
    if (typeof result.statusText !== 'string') problems.push(`statusText is ${describe(result.statusText)}; it must be a string`);
    else if (BAD_HEADER_TEXT.test(result.statusText)) problems.push('statusText contains a line break, control character or character above U+00FF, which an HTTP status line cannot carry');
  }
  if (result.headers !== undefined) {
    if (!isObject(result.headers)) problems.push(`headers is ${describe(result.headers)}; it must be an object of string arrays`);
    else {
      for (const [name, values] of Object.entries(result.headers)) {
        const label = `headers[${JSON.stringify(name)}]`;
        if (!HEADER_NAME.test(name)) problems.push(`${JSON.stringify(name)} is not a valid HTTP header name`);
        if (!Array.isArray(values)) {
          const example = typeof values === 'string' ? ` (write ${JSON.stringify({ [name]: [values] })})` : '';
          problems.push(`${label} is ${describe(values)}; each header's value must be an array of strings${example}`);
          continue;
        }
        values.forEach((value: unknown, index) => {
          if (typeof value !== 'string') problems.push(`${label}[${index}] is ${describe(value)}; it must be a string`);
          else if (BAD_HEADER_TEXT.test(value))
            problems.push(`${label}[${index}] contains a line break, control character or character above U+00FF, which an HTTP header cannot carry (encode it, e.g. with encodeURIComponent)`);
        });
      }
    }
  }
  if (result.body !== undefined && typeof result.body !== 'string') {
    problems.push(`body is ${describe(result.body)}; it must be a string${isObject(result.body) || Array.isArray(result.body) ? ' (use JSON.stringify to send JSON)' : ''}`);
  }
  return problems;
}

function staticAnswer(result: unknown, definition: WebTriggerDefinition, fail: (statusCode: number, message: string) => WebTriggerAnswer): WebTriggerAnswer {
  const known = definition.outputs.map((output) => output.key);
  const expected = `A static web trigger's function must return {outputKey: "<key>"} naming one of the manifest's response.outputs (${known.length > 0 ? known.map((key) => `"${key}"`).join(', ') : 'none are declared'}).`;
  if (!isObject(result) || typeof result.outputKey !== 'string') {
    const found = !isObject(result) ? `it returned ${describe(result)}` : `outputKey is ${describe(result.outputKey)}`;
    const hint = isObject(result) && 'statusCode' in result ? ' It returned {statusCode…}, which only a dynamic web trigger (manifest response.type: dynamic) answers with.' : '';
    return fail(500, `The function's response does not fit a static web trigger, so the caller gets 500: ${found}.${hint} ${expected}`);
  }
  const output = definition.outputs.find((candidate) => candidate.key === result.outputKey);
  if (!output) return fail(500, `The function returned outputKey "${result.outputKey}", which is not one of the manifest's response.outputs, so the caller gets 500. ${expected}`);
  if (!isStatus(output.statusCode))
    return fail(
      500,
      `The manifest gives output "${output.key}" the statusCode ${describe(output.statusCode)}; it must be an integer from 200 to 599${informational(output.statusCode)}, so the caller gets 500.`,
    );
  const headers: [string, string][] = output.contentType !== undefined ? [['Content-Type', output.contentType]] : [];
  return { answer: { statusCode: output.statusCode, headers, body: output.body ?? '' }, log: null };
}

// A final answer is 2xx–5xx. A 1xx status is interim: the caller would read it and go on waiting for
// the real answer, which never comes, so a function's 1xx is a wrong shape like any other.
function isStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599;
}

function informational(value: unknown): string {
  return typeof value === 'number' && value >= 100 && value < 200 ? ' (1xx statuses are interim answers: the caller would keep waiting for a final one)' : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a value for messages: what kind it is, and the value when it is small. */
function describe(value: unknown): string {
  if (value === undefined) return 'undefined (nothing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `the ${typeof value} ${String(value)}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
