export type ContentEncoding = 'br' | 'gzip';

// Brotli first: smaller than gzip for the same script, and every current browser takes it.
const SERVER_ORDER: readonly ContentEncoding[] = ['br', 'gzip'];

/**
 * The encodings an Accept-Encoding header allows, best first. A coding with `q=0` is refused, and
 * `*` stands for any coding not named; no header means only the file itself.
 */
export function preferredEncodings(header: string | undefined): ContentEncoding[] {
  if (!header) return [];
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const quality = parameters.map((parameter) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    const weight = quality === undefined ? 1 : Number(quality);
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (encoding: ContentEncoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  return SERVER_ORDER.filter((encoding) => weightOf(encoding) > 0).sort((a, b) => weightOf(b) - weightOf(a));
}
