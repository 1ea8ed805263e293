import { describe, expect, it } from 'vitest';
import { MAX_WEB_SOCKET_MESSAGE_BYTES } from '../../common/wire';
import { oversizeProblem } from './message-size';

describe('the size of a web shell message', () => {
  it('passes anything up to the socket cap, counted in UTF-8 bytes', () => {
    expect(oversizeProblem('analyzeManifest', 'a'.repeat(MAX_WEB_SOCKET_MESSAGE_BYTES))).toBeNull();
    // Fewer characters than the cap, but three bytes each.
    expect(oversizeProblem('analyzeManifest', '€'.repeat(MAX_WEB_SOCKET_MESSAGE_BYTES / 3 + 1))).toContain('16.0 MB');
  });

  it('refuses a pasted manifest over the cap, naming the limit and the fix', () => {
    const problem = oversizeProblem('analyzeManifest', 'a'.repeat(MAX_WEB_SOCKET_MESSAGE_BYTES + 1));
    expect(problem).toContain('analyzeManifest');
    expect(problem).toContain('16.0 MB');
    expect(problem).toContain('200 KB');
    expect(problem).toContain('into resources');
  });
});
