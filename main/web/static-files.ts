import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf } from '../csp';


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
    contentType: contentTypeOf(absolutePath),
    size: info.size,
    open: () => createReadStream(absolutePath),
  };
}
