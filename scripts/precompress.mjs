// Brotli and gzip copies of the built renderer's text files, written beside them at build time so the
// web shell serves them compressed without spending CPU on every request.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.ttf']);
// Below this a compressed copy saves less than its headers cost.
const MIN_BYTES = 1024;

async function filesUnder(folder) {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? filesUnder(path.join(folder, entry.name)) : [path.join(folder, entry.name)])));
  return nested.flat();
}

/** Write `<file>.br` and `<file>.gz` for every compressible file of `folder`; returns bytes before and after (brotli). */
export async function precompressFolder(folder) {
  const files = (await filesUnder(folder)).filter((file) => COMPRESSIBLE.has(path.extname(file)));
  let before = 0;
  let after = 0;
  for (const file of files) {
    for (const stale of ['.br', '.gz']) await rm(file + stale, { force: true });
    if ((await stat(file)).size < MIN_BYTES) continue;
    const body = await readFile(file);
    const [br, gz] = await Promise.all([
      // Brotli's best quality takes seconds on the multi-megabyte editor chunk for a few percent; 9 there.
      brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: body.length > 1_000_000 ? 9 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gzipAsync(body, { level: 9 }),
    ]);
    before += body.length;
    after += br.length;
    // A copy no smaller than the file is not worth a Content-Encoding.
    if (br.length < body.length) await writeFile(file + '.br', br);
    if (gz.length < body.length) await writeFile(file + '.gz', gz);
  }
  return { files: files.length, before, after };
}
