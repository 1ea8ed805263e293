import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Who a file of the app belongs to: an npm package (name, version, folder) or the app's own code. */
export interface PackageIdentity {
  /** `bcrypt 5.1.1 (node_modules/bcrypt)`, or `your code (src/index.js)`. */
  label: string;
  /** The package name, or null for the app's own code. */
  name: string | null;
}

const NAME = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/i;
const VERSION = /^[\w.+~-]{1,64}$/;

/**
 * The package a file belongs to, from the nearest package.json below node_modules, read only inside
 * the app folder. Its name and version come from the app (hostile): only values shaped like an npm
 * name and version are used, so a message built from them says nothing else.
 */
export function packageOf(root: string, file: string): PackageIdentity {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { label: 'code outside the app folder', name: null };
  const parts = relative.split(path.sep);
  const last = parts.lastIndexOf('node_modules');
  if (last === -1) return { label: `your code (${parts.join('/')})`, name: null };
  const scoped = parts[last + 1]?.startsWith('@');
  const folderParts = parts.slice(0, last + (scoped ? 3 : 2));
  const folder = folderParts.join('/');
  const fallback = folderParts.slice(last + 1).join('/');
  const manifest = readPackageJson(root, path.join(root, ...folderParts));
  const name = typeof manifest?.name === 'string' && NAME.test(manifest.name) ? manifest.name : NAME.test(fallback) ? fallback : 'a package';
  const version = typeof manifest?.version === 'string' && VERSION.test(manifest.version) ? ` ${manifest.version}` : '';
  return { label: `${name}${version} (${folder})`, name };
}

function readPackageJson(root: string, folder: string): { name?: unknown; version?: unknown } | null {
  try {
    const file = realpathSync(path.join(folder, 'package.json'));
    const relative = path.relative(root, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
    const text = readFileSync(file, 'utf8');
    if (text.length > 1024 * 1024) return null;
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as { name?: unknown; version?: unknown }) : null;
  } catch {
    return null;
  }
}
