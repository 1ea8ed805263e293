import { describe, expect, it } from 'vitest';
import { customUiCsp } from './custom-ui-csp';

const HASH = 'sha256-' + 'A'.repeat(43) + '=';
const manifest = {
  permissions: {
    content: { scripts: ['unsafe-eval', "'unsafe-inline'", 'blob:', HASH, 'https://evil.example'], styles: ['unsafe-inline'] },
    external: {
      fetch: { client: ['api.example.com', { address: 'wss://socket.example.com' }], backend: ['backend.example.com'] },
      images: [{ address: '*.images.example.com' }],
      scripts: ['https://cdn.example.com/lib/'],
      styles: ['styles.example.com'],
      frames: ['https://embed.example.com:8443'],
      fonts: ['fonts.example.com'],
      media: ['*'],
      navigation: ['nav.example.com'],
    },
  },
};

function directives(header: string): Record<string, string> {
  return Object.fromEntries(header.split('; ').map((part) => [part.split(' ')[0], part.slice(part.indexOf(' ') + 1)]));
}

describe('customUiCsp', () => {
  it('starts from self and adds exactly what the manifest declares', () => {
    const policy = directives(customUiCsp(manifest, '/p/x/__anvil/csp-report', 'http://127.0.0.1:5173').header);
    expect(policy['default-src']).toBe("'self'");
    expect(policy['script-src']).toBe(`'self' 'unsafe-eval' 'unsafe-inline' blob: '${HASH}' https://cdn.example.com/lib/`);
    expect(policy['style-src']).toBe("'self' 'unsafe-inline' https://styles.example.com");
    expect(policy['connect-src']).toBe("'self' https://api.example.com wss://socket.example.com");
    expect(policy['img-src']).toBe("'self' data: blob: https://*.images.example.com");
    expect(policy['font-src']).toBe("'self' https://fonts.example.com");
    expect(policy['frame-src']).toBe("'self' https://embed.example.com:8443");
    // '*' must not become CSP '*', which would also match http://127.0.0.1 (the workbench).
    expect(policy['media-src']).toBe("'self' https:");
    expect(policy['object-src']).toBe("'none'");
    expect(policy['base-uri']).toBe("'self'");
    expect(policy['form-action']).toBe("'self'");
    expect(policy['frame-ancestors']).toBe('http://127.0.0.1:5173');
    expect(policy['report-uri']).toBe('/p/x/__anvil/csp-report');
    expect(JSON.stringify(policy)).not.toContain('backend.example.com');
    expect(JSON.stringify(policy)).not.toContain('nav.example.com');
    expect(JSON.stringify(policy)).not.toContain('evil.example');
  });

  it('remembers which manifest list each source came from', () => {
    const { sources } = customUiCsp(manifest, '/r', 'http://127.0.0.1:1');
    expect(sources).toContainEqual({ directive: 'img-src', source: 'https://*.images.example.com', entry: 'permissions.external.images' });
    expect(sources).toContainEqual({ directive: 'script-src', source: "'unsafe-eval'", entry: 'permissions.content.scripts' });
    expect(sources).toContainEqual({ directive: 'connect-src', source: 'wss://socket.example.com', entry: 'permissions.external.fetch.client' });
    expect(sources).toContainEqual({ directive: 'script-src', source: "'self'", entry: 'built-in' });
  });

  it('is strict for an empty manifest and refuses values that would inject directives', () => {
    const { header } = customUiCsp({}, '/r');
    expect(directives(header)['script-src']).toBe("'self'");
    expect(directives(header)['frame-ancestors']).toBe("'none'");
    const sneaky = customUiCsp({ permissions: { external: { scripts: ['cdn.example.com/a;script-src *'] } } }, '/r').header;
    expect(sneaky).not.toContain('script-src *');
    expect(() => customUiCsp({}, '/r; script-src *')).toThrow();
  });
});
