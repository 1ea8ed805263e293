import { describe, expect, it } from 'vitest';
import { manifestOverLimit, manifestTooLargeMessage, PLATFORM_MANIFEST_LIMIT_BYTES } from './manifest-size';

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('the manifest size the editor judges before sending a keystroke', () => {
  it('counts UTF-8 bytes as the platform does, so a text of accented letters and emoji is over the limit when its bytes are', () => {
    const line = 'description: Größe — 🚀 déjà vu\n';
    const text = line.repeat(Math.floor(PLATFORM_MANIFEST_LIMIT_BYTES / utf8(line)) + 1);
    expect(text.length).toBeLessThan(PLATFORM_MANIFEST_LIMIT_BYTES);
    expect(manifestOverLimit(text)).toBe(utf8(text));
    const fits = line.repeat(Math.floor(PLATFORM_MANIFEST_LIMIT_BYTES / utf8(line)));
    expect(manifestOverLimit(fits)).toBeNull();
  });

  it('says the size, the limit and the fix', () => {
    expect(manifestTooLargeMessage(5 * 1024 * 1024)).toMatch(/^manifest\.yml is 5,120 KB; the platform accepts at most 200 KB, so forge deploy refuses it.*Move large content/);
  });
});
