import { describe, expect, it } from 'vitest';
import { anything, fields, list, number, optional, recordOf, required, string } from './schema';
import { parseJson, passes, validate } from './validated';

const packageJson = fields({ name: required(string()), version: optional(string()), scripts: optional(recordOf(string())) });

describe('validated parse of JSON Anvil does not own', () => {
  it('gives the value with its declared fields and lets unknown fields through', () => {
    const parsed = parseJson('{"name":"jira-helper","version":"1.2.0","private":true}', packageJson);
    expect(parsed).toEqual({ ok: true, value: { name: 'jira-helper', version: '1.2.0', private: true } });
  });

  it('names the field that is wrong, without a made-up root name', () => {
    expect(parseJson('{"name":"jira-helper","version":2}', packageJson)).toEqual({ ok: false, problem: 'version must be a string, got a number' });
    expect(parseJson('{"name":"a","scripts":{"build":false}}', packageJson)).toEqual({ ok: false, problem: 'scripts.build must be a string, got a boolean' });
    expect(parseJson('{"version":"1"}', packageJson)).toEqual({ ok: false, problem: 'name is required' });
  });

  it('says when the content itself is of the wrong kind, or an item of a list is', () => {
    expect(parseJson('[1,2]', packageJson)).toEqual({ ok: false, problem: 'the content must be an object, got an array' });
    expect(parseJson('null', packageJson)).toEqual({ ok: false, problem: 'the content must be an object, got null' });
    expect(validate([{ key: 'a' }, {}], list(fields({ key: required(string()) }), 10))).toEqual({ ok: false, problem: 'item [1].key is required' });
  });

  it('reports broken JSON as a problem, never by throwing', () => {
    const parsed = parseJson('{"name": ', packageJson);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatch(/^it is not JSON \(/);
  });

  it('ignores inherited properties: a field is present only when the object itself has it', () => {
    expect(validate(JSON.parse('{"__proto__":{"name":"x"}}'), packageJson)).toEqual({ ok: false, problem: 'name is required' });
  });

  it('refuses numbers JSON cannot carry and accepts anything where anything goes', () => {
    expect(passes(Number.NaN, number)).toBe(false);
    expect(passes(42, number)).toBe(true);
    expect(passes(undefined, anything)).toBe(true);
  });
});
