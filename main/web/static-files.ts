import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf } from '../csp';
import { preferredEncodings, type ContentEncoding } from './content-encoding';

export interface StaticFile {
  absolutePath: string;
  contentType: string;
  /** Bytes of what is sent: the compressed copy when there is an encoding. */
  size: number;
  /** The compressed copy sent instead of the file, or null for the file itself. */
  encoding: ContentEncoding | null;
  /** Named by its content (Vite's hashed assets): the same URL never changes, so it may be cached for good. */
  immutable: boolean;
  open: () => NodeJS.ReadableStream;
}

// The build writes every asset under assets/ with a content hash in its name (vite.config.ts).
const HASHED_ASSETS = 'assets';
const SUFFIX: Record<ContentEncoding, string> = { br: '.br', gzip: '.gz' };

/**
 * Find a built renderer file for a URL path; null for anything outside the root or missing. With the
 * request's Accept-Encoding, the precompressed copy the build wrote beside it is chosen when the
 * browser takes it and it is not older than the file.
 */
export async function findStaticFile(root: string, urlPath: string, acceptEncoding?: string): Promise<StaticFile | null> {
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
  const immutable = path.relative(root, absolutePath).split(path.sep)[0] === HASHED_ASSETS;
  for (const encoding of preferredEncodings(acceptEncoding)) {
    const compressedPath = absolutePath + SUFFIX[encoding];
    const compressed = await stat(compressedPath).catch(() => null);
    // A copy older than its file is left from another build: never sent in its place.
    if (!compressed?.isFile() || compressed.mtimeMs < info.mtimeMs) continue;
    return { absolutePath, contentType: contentTypeOf(absolutePath), size: compressed.size, encoding, immutable, open: () => createReadStream(compressedPath) };
  }
  return {
    absolutePath,
    contentType: contentTypeOf(absolutePath),
    size: info.size,
    encoding: null,
    immutable,
    open: () => createReadStream(absolutePath),
  };
}
