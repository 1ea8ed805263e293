import { describe, expect, it } from 'vitest';
import { explainViolation, parseCspReport, type CspViolationReport } from './explain-violation';

function report(directive: string, blockedUri: string): CspViolationReport {
  return { directive, blockedUri, sourceFile: 'http://127.0.0.1:1/p/a/main.js', line: 12, sample: null };
}

describe('explainViolation', () => {
  it('names the external list for a blocked host, with its location and a wildcard warning', () => {
    const message = explainViolation(report('script-src-elem', 'https://cdn.example.com/lib.js'), {});
    expect(message).toContain('add https://cdn.example.com under permissions.external.scripts');
    expect(message).toContain('main.js:12');
    expect(message).toContain("Do not use '*'");
  });

  it('explains inline scripts, inline handlers, eval and inline styles', () => {
    expect(explainViolation(report('script-src-elem', 'inline'), {})).toContain(
      "Inline scripts need 'unsafe-inline' under permissions.content.scripts (better: move it to a file, or allow its sha256 hash",
    );
    expect(explainViolation(report('script-src-attr', 'inline'), {})).toContain('addEventListener');
    expect(explainViolation(report('script-src', 'eval'), {})).toContain("'unsafe-eval' under permissions.content.scripts");
    expect(explainViolation(report('style-src-elem', 'inline'), {})).toContain("'unsafe-inline' under permissions.content.styles");
  });

  it('maps each load kind to its list', () => {
    expect(explainViolation(report('connect-src', 'https://api.example.com/v1/items'), {})).toContain('add https://api.example.com under permissions.external.fetch.client');
    expect(explainViolation(report('connect-src', 'wss://live.example.com'), {})).toContain('wss://live.example.com under permissions.external.fetch.client');
    expect(explainViolation(report('img-src', 'https://img.example.com/a.png'), {})).toContain('permissions.external.images');
    expect(explainViolation(report('font-src', 'https://f.example.com/a.woff2'), {})).toContain('permissions.external.fonts');
    expect(explainViolation(report('frame-src', 'https://e.example.com'), {})).toContain('permissions.external.frames');
    expect(explainViolation(report('media-src', 'https://m.example.com/v.mp4'), {})).toContain('permissions.external.media');
  });

  it('says why some loads cannot or should not be allowed', () => {
    expect(explainViolation(report('connect-src', 'http://api.example.com/x'), {})).toContain('only https: and wss:');
    expect(explainViolation(report('script-src-elem', 'data'), {})).toContain('cannot allow data:');
    expect(explainViolation(report('object-src', 'https://x.example.com/a.swf'), {})).toContain('never allowed');
  });

  it('points at near misses already in the manifest', () => {
    const manifest = { permissions: { external: { images: ['*.example.com'], fetch: { client: ['cdn.example.com'] } } } };
    expect(explainViolation(report('img-src', 'https://example.com/a.png'), manifest)).toContain('does not cover example.com itself');
    expect(explainViolation(report('script-src-elem', 'https://cdn.example.com/a.js'), manifest)).toContain('listed under permissions.external.fetch.client');
  });
});

describe('parseCspReport', () => {
  it('reads the report-uri and Reporting API forms', () => {
    expect(parseCspReport({ 'csp-report': { 'violated-directive': "script-src-elem 'self'", 'blocked-uri': 'https://cdn.example.com/a.js', 'source-file': 'x.html', 'line-number': 3 } })).toEqual({
      directive: 'script-src-elem',
      blockedUri: 'https://cdn.example.com/a.js',
      sourceFile: 'x.html',
      line: 3,
      sample: null,
    });
    expect(parseCspReport([{ type: 'csp-violation', body: { effectiveDirective: 'img-src', blockedURL: 'https://i.example.com/' } }])?.directive).toBe('img-src');
    expect(parseCspReport({ hello: 1 })).toBeNull();
  });

  it('reads a report of any other shape a page can post as no report, never by throwing', () => {
    const shapes: unknown[] = [
      null,
      5,
      'csp',
      [],
      [null, 7],
      { 'csp-report': 'script-src' },
      { 'csp-report': [] },
      [{ type: 'csp-violation', body: ['img-src'] }],
      [{ type: 'csp-violation', body: null }],
    ];
    expect(shapes.map((shape) => parseCspReport(shape))).toEqual(shapes.map(() => null));
  });
});
