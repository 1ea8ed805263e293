import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  absolutePath: string;
  contentType: string;
  size: number;
  open: () => NodeJS.ReadableStream;
}

/** Find a built renderer file for a URL path; null for anything outside the root or missing. */
export async function findStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const absolutePath = path.resolve(root, relative);
  if (absolutePath !== root && !absolutePath.startsWith(root + path.sep)) return null;
  const info = await stat(absolutePath).catch(() => null);
  if (!info?.isFile()) return null;
  return {
    absolutePath,
    contentType: CONTENT_TYPES[path.extname(absolutePath)] ?? 'application/octet-stream',
    size: info.size,
    open: () => createReadStream(absolutePath),
  };
}
