import { describe, expect, it } from 'vitest';
import { jsonObjectText } from './jsonObjectText';

describe('a text field that holds a JSON object', () => {
  it('gives the object, and {} for an empty field', () => {
    expect(jsonObjectText('{"accountId": "5b10"}', 'context')).toEqual({ ok: true, value: { accountId: '5b10' } });
    expect(jsonObjectText('', 'context')).toEqual({ ok: true, value: {} });
  });

  it('names what the field holds instead of an object, before anything is sent', () => {
    expect(['[1]', 'null', '"site"', '42'].map((text) => jsonObjectText(text, 'context'))).toEqual([
      { ok: false, problem: 'The context must be a JSON object ({…}), not a list' },
      { ok: false, problem: 'The context must be a JSON object ({…}), not null' },
      { ok: false, problem: 'The context must be a JSON object ({…}), not a string' },
      { ok: false, problem: 'The context must be a JSON object ({…}), not a number' },
    ]);
    const broken = jsonObjectText('{"a":', 'context');
    expect(!broken.ok && broken.problem).toMatch(/^The context is not JSON: /);
  });
});
