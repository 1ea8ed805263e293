import { describe, expect, it } from 'vitest';
import { webTriggerPath, webTriggerRequest } from './web-trigger-request';

describe('the web trigger request object', () => {
  it('keeps every value of a repeated header and query key, with lower-cased header names', () => {
    const request = webTriggerRequest({
      method: 'POST',
      target: '/x1/abc123/hello/world?apples=red&apples=green&grapes=green&q=a%20b+c',
      rawHeaders: ['Content-Type', 'text/plain', 'X-Tag', 'one', 'x-tag', 'two', 'Host', '127.0.0.1:9'],
      body: Buffer.from('{"hello": 1}'),
    });
    expect(request).toEqual({
      method: 'POST',
      path: '/x1/abc123/hello/world',
      userPath: '/hello/world',
      headers: { 'content-type': ['text/plain'], 'x-tag': ['one', 'two'], host: ['127.0.0.1:9'] },
      queryParameters: { apples: ['red', 'green'], grapes: ['green'], q: ['a b c'] },
      body: '{"hello": 1}',
    });
  });

  it('gives an empty userPath, query and body when there are none', () => {
    expect(webTriggerRequest({ method: 'GET', target: '/x1/abc123', rawHeaders: [], body: Buffer.alloc(0) })).toEqual({
      method: 'GET',
      path: '/x1/abc123',
      userPath: '',
      headers: {},
      queryParameters: {},
      body: '',
    });
    expect(webTriggerPath('/x1/abc123/')?.userPath).toBe('');
  });

  it('passes the user path exactly as sent after the id, with its leading slash: no decoding, no collapsing', () => {
    expect(webTriggerPath('/x1/abc123/a//b%2Fc/?x=1')).toEqual({ id: 'abc123', path: '/x1/abc123/a//b%2Fc/', userPath: '/a//b%2Fc/', query: 'x=1' });
  });

  it('does not treat other paths as web trigger URLs', () => {
    for (const target of ['/', '/x1', '/x1/', '/x2/abc', '/favicon.ico', 'http://127.0.0.1/x1/abc', '*']) expect(webTriggerPath(target)).toBeNull();
  });

  it('reads the body as UTF-8 text and keeps a query key that looks like a prototype as plain data', () => {
    const request = webTriggerRequest({ method: 'PUT', target: '/x1/abc?__proto__=x&constructor=y', rawHeaders: [], body: Buffer.from('héllo ✓', 'utf8') });
    expect(request.body).toBe('héllo ✓');
    expect(Object.getPrototypeOf(request.queryParameters)).toBe(Object.prototype);
    expect(Object.keys(request.queryParameters)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(request.queryParameters))).toEqual(JSON.parse('{"__proto__":["x"],"constructor":["y"]}'));
  });
});
