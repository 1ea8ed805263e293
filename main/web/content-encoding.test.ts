import { describe, expect, it } from 'vitest';
import { preferredEncodings } from './content-encoding';

describe('the encodings a browser takes', () => {
  it('prefers brotli, then gzip, among what the browser names', () => {
    expect(preferredEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
    expect(preferredEncodings('GZIP')).toEqual(['gzip']);
    expect(preferredEncodings('deflate')).toEqual([]);
  });

  it('sends only the file itself to a client that names no encoding', () => {
    expect(preferredEncodings(undefined)).toEqual([]);
    expect(preferredEncodings('')).toEqual([]);
    expect(preferredEncodings('identity')).toEqual([]);
  });

  it('follows the weights: q=0 refuses an encoding, a higher q comes first, * stands for the rest', () => {
    expect(preferredEncodings('br;q=0, gzip')).toEqual(['gzip']);
    expect(preferredEncodings('br;q=0.5, gzip;q=0.9')).toEqual(['gzip', 'br']);
    expect(preferredEncodings('*')).toEqual(['br', 'gzip']);
    expect(preferredEncodings('*;q=0')).toEqual([]);
    expect(preferredEncodings('gzip;q=0, *')).toEqual(['br']);
  });
});
