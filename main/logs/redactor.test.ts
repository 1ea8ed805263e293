import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor';

describe('the redactor', () => {
  it('replaces every occurrence of every secret by its name', () => {
    const redactor = new Redactor();
    redactor.setSecrets([
      { name: 'API_TOKEN', value: 'tok-12345' },
      { name: 'DB_PASSWORD', value: 'hunter2!' },
    ]);
    expect(redactor.redact('token tok-12345 then hunter2! and tok-12345 again')).toBe('token [redacted: API_TOKEN] then [redacted: DB_PASSWORD] and [redacted: API_TOKEN] again');
  });

  it('leaves text alone when there are no secrets or they are too short to be told from words', () => {
    const redactor = new Redactor();
    expect(redactor.redact('nothing to hide')).toBe('nothing to hide');
    redactor.setSecrets([{ name: 'PIN', value: 'abc' }]);
    expect(redactor.redact('abc abcdef')).toBe('abc abcdef');
  });

  it('prefers the longest secret where one contains another', () => {
    const redactor = new Redactor();
    redactor.setSecrets([
      { name: 'SHORT', value: 'secret' },
      { name: 'LONG', value: 'secret-and-more' },
    ]);
    expect(redactor.redact('secret-and-more / secret')).toBe('[redacted: LONG] / [redacted: SHORT]');
  });

  it('treats characters special to regular expressions literally', () => {
    const redactor = new Redactor();
    redactor.setSecrets([{ name: 'WEIRD', value: 'a.b*c+(d)[e]$^|\\f' }]);
    expect(redactor.redact('x a.b*c+(d)[e]$^|\\f y axbbbc')).toBe('x [redacted: WEIRD] y axbbbc');
  });

  it('finds a secret in its JSON-escaped and URL-encoded forms', () => {
    const value = 'pa"ss\\word/é';
    const redactor = new Redactor();
    redactor.setSecrets([{ name: 'PASSWORD', value }]);
    expect(redactor.redact(JSON.stringify({ password: value }))).toBe('{"password":"[redacted: PASSWORD]"}');
    expect(redactor.redact(`GET /login?p=${encodeURIComponent(value)}`)).toBe('GET /login?p=[redacted: PASSWORD]');
  });

  it('forgets secrets that were replaced', () => {
    const redactor = new Redactor();
    redactor.setSecrets([{ name: 'OLD', value: 'old-secret' }]);
    redactor.setSecrets([{ name: 'NEW', value: 'new-secret' }]);
    expect(redactor.redact('old-secret new-secret')).toBe('old-secret [redacted: NEW]');
  });

  it('redacts inside structured values: strings, keys and numbers, and survives cycles and bigints', () => {
    const redactor = new Redactor();
    redactor.setSecrets([
      { name: 'TOKEN', value: 'tok-12345' },
      { name: 'PIN', value: '987654' },
    ]);
    const value: Record<string, unknown> = { header: 'Bearer tok-12345', list: ['tok-12345', 1], 'tok-12345': true, pin: 987654, big: 10n };
    value.self = value;
    expect(redactor.redactValue(value)).toEqual({
      header: 'Bearer [redacted: TOKEN]',
      list: ['[redacted: TOKEN]', 1],
      '[redacted: TOKEN]': true,
      pin: '[redacted: PIN]',
      big: '10',
      self: '[circular]',
    });
  });

  it('redacts a large batch of lines quickly enough to sit in the ingest path', () => {
    // Not a timing assertion: checks that many secrets and many lines give the right output.
    const redactor = new Redactor();
    redactor.setSecrets(Array.from({ length: 200 }, (_, index) => ({ name: `S${index}`, value: `value-${index}-xyz` })));
    const lines = Array.from({ length: 5000 }, (_, index) => `line ${index} uses value-${index % 200}-xyz here`);
    const out = lines.map((line) => redactor.redact(line));
    expect(out[7]).toBe('line 7 uses [redacted: S7] here');
    expect(out.every((line) => !/value-\d+-xyz/.test(line))).toBe(true);
  });
});

describe('encoded forms of a secret', () => {
  const secret = 'ghp_Zx9+Secret/Value~ü!';
  const redactor = new Redactor();
  redactor.setSecrets([{ name: 'TOKEN', value: secret }]);
  const hidden = (text: string) => {
    const redacted = redactor.redact(text);
    expect(redacted).toContain('[redacted: TOKEN]');
    return redacted;
  };

  it('finds it base64-encoded, standard and URL-safe, at every alignment inside longer data', () => {
    for (const prefix of ['', 'u', 'us', 'user:']) {
      for (const suffix of ['', 'x', 'xy', ':tail']) {
        const standard = Buffer.from(`${prefix}${secret}${suffix}`).toString('base64');
        const urlSafe = Buffer.from(`${prefix}${secret}${suffix}`).toString('base64url');
        // What remains is the encoding of the bytes around the secret, and at most one character at each edge.
        const around = Math.ceil(((prefix.length + suffix.length) * 4) / 3) + 4;
        expect(hidden(`Basic ${standard}`).length).toBeLessThanOrEqual('Basic [redacted: TOKEN]'.length + around);
        expect(hidden(urlSafe).length).toBeLessThanOrEqual('[redacted: TOKEN]'.length + around);
      }
    }
  });

  it('finds it hex-encoded in either case and URL-encoded as a component, a form or with lower-case escapes', () => {
    const hex = Buffer.from(secret).toString('hex');
    expect(hidden(`dump ${hex} end`)).toBe('dump [redacted: TOKEN] end');
    expect(hidden(`dump ${hex.toUpperCase()} end`)).toBe('dump [redacted: TOKEN] end');
    expect(hidden(`?t=${encodeURIComponent(secret)}&x=1`)).toBe('?t=[redacted: TOKEN]&x=1');
    expect(hidden(`t=${new URLSearchParams({ t: secret }).toString().slice(2)}`)).toBe('t=[redacted: TOKEN]');
    expect(hidden(`?t=${encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())}`)).toBe('?t=[redacted: TOKEN]');
  });

  it('redacts encoded forms inside a function result and an error before they are stored', () => {
    const value = redactor.redactValue({ auth: Buffer.from(`bot:${secret}`).toString('base64'), hex: Buffer.from(secret).toString('hex') }) as Record<string, string>;
    expect(JSON.stringify(value)).not.toMatch(new RegExp(Buffer.from(secret).toString('hex')));
    expect(value.auth).toContain('[redacted: TOKEN]');
    expect(value.hex).toBe('[redacted: TOKEN]');
  });
});
