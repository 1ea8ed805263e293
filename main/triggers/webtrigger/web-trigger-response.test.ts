import { describe, expect, it } from 'vitest';
import type { RunOutcome } from '../../runner';
import { webTriggerAnswer, type WebTriggerDefinition } from './web-trigger-response';

const DYNAMIC: WebTriggerDefinition = { type: 'dynamic', outputs: [] };
const STATIC: WebTriggerDefinition = {
  type: 'static',
  outputs: [
    { key: 'accepted', statusCode: 202, contentType: 'application/json', body: '{"ok":true}' },
    { key: 'nothing', statusCode: 204 },
  ],
};

function outcome(result: unknown, status: RunOutcome['status'] = 'ok', error: string | null = null): RunOutcome {
  return { invocationId: 'inv-1', status, result, error, durationMs: 3, memoryBytes: null, logs: [], calls: [], functionKey: 'hook-fn', environment: 'development', installation: 'jira' };
}

describe('dynamic web trigger answers', () => {
  it('sends what the function returned, with every value of a multi-value header', () => {
    const { answer, log } = webTriggerAnswer(
      outcome({ statusCode: 201, statusText: 'Made', headers: { 'Set-Cookie': ['a=1', 'b=2'], 'Content-Type': ['application/json'] }, body: '{"id":7}' }),
      DYNAMIC,
      'hook',
    );
    expect(answer).toEqual({
      statusCode: 201,
      statusText: 'Made',
      headers: [
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['Content-Type', 'application/json'],
      ],
      body: '{"id":7}',
    });
    expect(log).toBeNull();
  });

  it('accepts a bare statusCode (no headers, no body)', () => {
    expect(webTriggerAnswer(outcome({ statusCode: 204 }), DYNAMIC, 'hook').answer).toEqual({ statusCode: 204, headers: [], body: '' });
  });

  it('answers 500 and says exactly what is wrong when the shape does not fit', () => {
    const { answer, log } = webTriggerAnswer(outcome({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: { id: 7 } }), DYNAMIC, 'hook');
    expect(answer.statusCode).toBe(500);
    expect(log).toMatchObject({ level: 'error', moduleKey: 'hook', invocationId: 'inv-1' });
    expect(log!.message).toContain('headers["Content-Type"] is the string "application/json"; each header\'s value must be an array of strings (write {"Content-Type":["application/json"]})');
    expect(log!.message).toContain('body is an object; it must be a string (use JSON.stringify to send JSON)');
    expect(log!.message).toContain('{statusCode: integer 200–599, statusText?: string, headers?: {name: string[]}, body?: string}');
    expect(answer.body).toContain('headers["Content-Type"]');
  });

  it.each([
    [undefined, 'it returned undefined (nothing) instead of a response object'],
    ['ok', 'it returned the string "ok" instead of a response object'],
    [{ body: 'hi' }, 'statusCode is missing'],
    [{ statusCode: '200' }, 'statusCode is the string "200"; it must be an integer from 200 to 599'],
    [{ statusCode: 200.5 }, 'statusCode is the number 200.5'],
    [{ statusCode: 700 }, 'statusCode is the number 700'],
    [{ statusCode: 200, headers: { 'X-Count': [1] } }, 'headers["X-Count"][0] is the number 1; it must be a string'],
    [{ statusCode: 200, headers: { 'X-Evil': ['a\r\nSet-Cookie: x=1'] } }, 'headers["X-Evil"][0] contains a line break'],
    [{ statusCode: 200, headers: { 'bad name': ['x'] } }, '"bad name" is not a valid HTTP header name'],
    [{ statusCode: 200, headers: [] }, 'headers is an array; it must be an object of string arrays'],
    [{ statusCode: 200, statusText: 7 }, 'statusText is the number 7; it must be a string'],
    [{ outputKey: 'accepted' }, 'only a static web trigger (manifest response.type: static) answers with'],
  ])('refuses %j: %s', (result, expected) => {
    const { answer, log } = webTriggerAnswer(outcome(result), DYNAMIC, 'hook');
    expect(answer.statusCode).toBe(500);
    expect(log?.level).toBe('error');
    expect(log?.message).toContain(expected);
  });

  it('leaves framing to the server (a wrong Content-Length from the function would hang the caller)', () => {
    const { answer } = webTriggerAnswer(outcome({ statusCode: 200, headers: { 'Content-Length': ['999'], 'X-Kept': ['yes'] }, body: 'hi' }), DYNAMIC, 'hook');
    expect(answer.headers).toEqual([['X-Kept', 'yes']]);
  });
});

describe('static web trigger answers', () => {
  it('answers with the manifest output the function names: its status, content type and body', () => {
    expect(webTriggerAnswer(outcome({ outputKey: 'accepted' }), STATIC, 'hook')).toEqual({
      answer: { statusCode: 202, headers: [['Content-Type', 'application/json']], body: '{"ok":true}' },
      log: null,
    });
    expect(webTriggerAnswer(outcome({ outputKey: 'nothing' }), STATIC, 'hook').answer).toEqual({ statusCode: 204, headers: [], body: '' });
  });

  it('answers 500 for an unknown outputKey and names the keys the manifest declares', () => {
    const { answer, log } = webTriggerAnswer(outcome({ outputKey: 'acepted' }), STATIC, 'hook');
    expect(answer.statusCode).toBe(500);
    expect(log?.message).toContain('outputKey "acepted", which is not one of the manifest\'s response.outputs');
    expect(log?.message).toContain('"accepted", "nothing"');
  });

  it('explains a dynamic-looking answer from a static trigger', () => {
    const { answer, log } = webTriggerAnswer(outcome({ statusCode: 200, body: 'hi' }), STATIC, 'hook');
    expect(answer.statusCode).toBe(500);
    expect(log?.message).toContain('outputKey is undefined (nothing)');
    expect(log?.message).toContain('only a dynamic web trigger (manifest response.type: dynamic) answers with');
  });
});

describe('failed invocations', () => {
  it('answers 500 when the function threw, and logs the error', () => {
    const { answer, log } = webTriggerAnswer(outcome(undefined, 'error', 'TypeError: x is undefined'), DYNAMIC, 'hook');
    expect(answer.statusCode).toBe(500);
    expect(log).toMatchObject({ level: 'error', invocationId: 'inv-1' });
    expect(log!.message).toContain('TypeError: x is undefined');
  });

  it('answers 504 when the function ran out of time', () => {
    const { answer, log } = webTriggerAnswer(outcome(undefined, 'timeout', 'Timed out after 55 s'), DYNAMIC, 'hook');
    expect(answer.statusCode).toBe(504);
    expect(log!.message).toContain("did not finish within the platform's 55 s limit");
  });

  it('answers 500 when the runtime crashed', () => {
    const { answer, log } = webTriggerAnswer(outcome(undefined, 'crashed', 'out of memory'), STATIC, 'hook');
    expect(answer.statusCode).toBe(500);
    expect(log!.message).toContain('crashed');
    expect(log!.message).toContain('out of memory');
  });
});
