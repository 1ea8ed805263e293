import { describe, expect, it } from 'vitest';
import { canonicalProductPath, pathWithQuery } from './product-path';

const canonical = (raw: string) => {
  const result = canonicalProductPath(raw);
  return result.ok ? pathWithQuery(result) : `refused: ${result.reason}`;
};

describe('the canonical path of a product call', () => {
  it('resolves plain and encoded dot segments, in any case, as a site would', () => {
    expect(canonical('/rest/api/3/issue/DEMO-1/../../user?accountId=abc')).toBe('/rest/api/3/user?accountId=abc');
    expect(canonical('/rest/api/3/issue/%2e%2e/user')).toBe('/rest/api/3/user');
    expect(canonical('/rest/api/3/issue/%2E%2e/user')).toBe('/rest/api/3/user');
    expect(canonical('/rest/api/3/issue/.%2E/user')).toBe('/rest/api/3/user');
    expect(canonical('/rest/api/3/project/%2e%2e/role')).toBe('/rest/api/3/role');
    expect(canonical('/rest/api/3/./issue//%44EMO-1/')).toBe('/rest/api/3/issue/DEMO-1/');
    expect(canonical('/rest/api/3/issue/DEMO-1/..')).toBe('/rest/api/3/issue/');
  });

  it('keeps values encoded once, upper-cases hex, and encodes what the URL parser would', () => {
    expect(canonical('/rest/api/3/issue/a%3ab c|ü')).toBe('/rest/api/3/issue/a%3Ab%20c%7C%C3%BC');
    expect(canonical('/rest/api/3/search?jql=project = "DEMO"#ignored')).toBe('/rest/api/3/search?jql=project%20=%20%22DEMO%22');
    // Canonical twice is canonical once.
    const once = canonical('/rest/api/3/issue/%7e%41 b/../x?q=1');
    expect(canonical(once)).toBe(once);
  });

  it.each([
    ['a backslash', '/rest/api/3/issue/x\\..\\..\\user', 'contains "\\"'],
    ['an encoded slash', '/rest/api/3/issue/..%2f..%2fuser', 'encoded "/" (%2F)'],
    ['an encoded backslash', '/rest/api/3/issue/..%5Cuser', 'encoded "\\" (%5C)'],
    ['an encoded NUL', '/rest/api/3/issue/x%00', 'encoded NUL'],
    ['a raw NUL', '/rest/api/3/issue/x\u0000', 'control character'],
    ['path parameters', '/rest/api/3/issue/..;/user', 'contains ";"'],
    ['an encoded semicolon', '/rest/api/3/issue/..%3b/user', 'encoded ";"'],
    ['double-encoded dots', '/rest/api/3/issue/%252e%252e/user', 'double-encoded'],
    ['double-encoded dots spelled out', '/rest/api/3/issue/%25%32%65%25%32%65/user', 'double-encoded'],
    ['another host', '//collector.evil.test/rest/api/3/myself', 'names another host'],
    ['a relative path', 'rest/api/3/myself', 'does not start with "/"'],
    ['an absolute URL', 'https://collector.evil.test/rest/api/3/myself', 'does not start with "/"'],
    ['climbing above the root', '/rest/../../user', 'above the site root'],
    ['a broken escape', '/rest/api/3/issue/%zz', 'not followed by two hex digits'],
  ])('refuses %s, naming the path', (_name, raw, why) => {
    const result = canonicalProductPath(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain(why);
      expect(result.reason).toContain(JSON.stringify(raw));
    }
  });
});
