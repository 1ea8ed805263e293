import { describe, expect, it } from 'vitest';
import { readCallMessage } from './socket-binding';

describe('a call frame from the browser', () => {
  it('is read only when every field has its type, and otherwise answered with what is wrong', () => {
    expect(readCallMessage('{"kind":"call","id":4,"method":"openApp","request":{"folder":"/tmp/app"}}')).toEqual({ kind: 'call', id: 4, method: 'openApp', request: { folder: '/tmp/app' } });
    expect(readCallMessage('{"kind":"call","id":5,"method":"listCredentials"}')).toEqual({ kind: 'call', id: 5, method: 'listCredentials', request: undefined });
    expect(
      ['null', '[]', '"call"', '{"id":1,"method":"x"}', '{"kind":"call","id":"1","method":"x"}', '{"kind":"call","id":1.5,"method":"x"}', '{"kind":"call","id":1,"method":7}', '{"kind":'].map(
        readCallMessage,
      ),
    ).toEqual([
      'Message must be a JSON object',
      'Message must be a JSON object',
      'Message must be a JSON object',
      'Message kind must be "call"',
      'Message id must be an integer',
      'Message id must be an integer',
      'Message method must be a string',
      'Message is not JSON; send {"kind":"call","id":<number>,"method":"<name>","request":{...}}',
    ]);
  });
});
