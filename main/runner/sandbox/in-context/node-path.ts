/**
 * In-context piece: a POSIX `path` module (the i18n code of @forge packages joins translation
 * paths). Runs as text inside the context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

/** What `path.parse` returns and `path.format` takes. */
export interface ParsedPath {
  root: string;
  dir: string;
  base: string;
  ext: string;
  name: string;
}

/** The `path` module (and `path/posix`). */
export interface PathModule {
  sep: '/';
  delimiter: ':';
  normalize(p: unknown): string;
  join(...parts: unknown[]): string;
  resolve(...parts: unknown[]): string;
  isAbsolute(p: unknown): boolean;
  dirname(p: unknown): string;
  basename(p: unknown, ext?: unknown): string;
  extname(p: unknown): string;
  relative(from: unknown, to: unknown): string;
  parse(p: unknown): ParsedPath;
  format(parts: Partial<ParsedPath>): string;
  toNamespacedPath(p: unknown): unknown;
  posix?: PathModule;
}

declare module './kernel' {
  interface Kernel {
    path: PathModule;
  }
}

/** Shares k.path. */
export function installPath(k: Kernel): void {
  function check(value: unknown, name: string): asserts value is string {
    if (typeof value !== 'string') {
      const e: CodedError = new TypeError('The "' + name + '" argument must be of type string. Received ' + k.inspect(value));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
  }
  function normalizeSegments(p: string, absolute: boolean): string {
    const out: string[] = [];
    for (const segment of p.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (out.length && out[out.length - 1] !== '..') out.pop();
        else if (!absolute) out.push('..');
      } else out.push(segment);
    }
    return out.join('/');
  }
  const path: PathModule = {
    sep: '/',
    delimiter: ':',
    normalize(p) {
      check(p, 'path');
      if (p === '') return '.';
      const absolute = p.charAt(0) === '/';
      const trailing = p.charAt(p.length - 1) === '/';
      let out = normalizeSegments(p, absolute);
      if (out === '' && !absolute) out = '.';
      if (out !== '' && trailing) out += '/';
      return (absolute ? '/' : '') + out;
    },
    join(...parts) {
      for (const part of parts) check(part, 'path');
      const joined = parts.filter((part) => part !== '').join('/');
      return joined === '' ? '.' : path.normalize(joined);
    },
    resolve(...parts) {
      let resolved = '';
      for (let i = parts.length - 1; i >= 0 && resolved.charAt(0) !== '/'; i--) {
        const part = parts[i];
        check(part, 'paths[' + i + ']');
        if (part !== '') resolved = part + (resolved ? '/' + resolved : '');
      }
      if (resolved.charAt(0) !== '/') resolved = '/' + resolved;
      return '/' + normalizeSegments(resolved, true);
    },
    isAbsolute(p) {
      check(p, 'path');
      return p.charAt(0) === '/';
    },
    dirname(p) {
      check(p, 'path');
      if (p === '') return '.';
      const trimmed = p.replace(/\/+$/, '');
      if (trimmed === '') return '/';
      const slash = trimmed.lastIndexOf('/');
      if (slash < 0) return '.';
      if (slash === 0) return '/';
      return trimmed.slice(0, slash).replace(/\/+$/, '') || '/';
    },
    basename(p, ext) {
      check(p, 'path');
      const trimmed = p.replace(/\/+$/, '');
      let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
      if (typeof ext === 'string' && ext !== base && base.slice(-ext.length) === ext) base = base.slice(0, base.length - ext.length);
      return base;
    },
    extname(p) {
      check(p, 'path');
      const base = path.basename(p);
      const dot = base.lastIndexOf('.');
      return dot <= 0 ? '' : base.slice(dot);
    },
    relative(from, to) {
      const a = path.resolve(from).split('/').filter(Boolean);
      const b = path.resolve(to).split('/').filter(Boolean);
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return a
        .slice(i)
        .map(() => '..')
        .concat(b.slice(i))
        .join('/');
    },
    parse(p) {
      check(p, 'path');
      const root = p.charAt(0) === '/' ? '/' : '';
      const base = path.basename(p);
      const ext = path.extname(p);
      const dir = p.indexOf('/') < 0 ? '' : path.dirname(p);
      return { root, dir, base, ext, name: ext ? base.slice(0, base.length - ext.length) : base };
    },
    format(parts) {
      const dir = parts.dir || parts.root || '';
      const base = parts.base || (parts.name || '') + (parts.ext || '');
      return dir ? (dir === parts.root ? dir + base : dir + '/' + base) : base;
    },
    toNamespacedPath: (p) => p,
  };
  path.posix = path;
  k.path = path;
}
