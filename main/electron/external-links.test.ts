import { describe, expect, it } from 'vitest';
import { isWorkbenchUrl } from './app-protocol';
import { isAllowedExternalLink } from './external-links';

describe('links leaving the desktop window', () => {
  it('open only https links to allow-listed documentation hosts', () => {
    expect(isAllowedExternalLink('https://developer.atlassian.com/platform/forge/manifest-reference/')).toBe(true);
    expect(isAllowedExternalLink('http://developer.atlassian.com/')).toBe(false);
    expect(isAllowedExternalLink('https://developer.atlassian.com.evil.example/')).toBe(false);
    expect(isAllowedExternalLink('https://user:pass@developer.atlassian.com/')).toBe(false);
    expect(isAllowedExternalLink('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalLink('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalLink('not a url')).toBe(false);
  });

  it('recognise the workbench origin, and nothing that imitates it', () => {
    expect(isWorkbenchUrl('anvil://workbench/index.html')).toBe(true);
    expect(isWorkbenchUrl('anvil://workbench.evil/index.html')).toBe(false);
    expect(isWorkbenchUrl('https://workbench/index.html')).toBe(false);
    expect(isWorkbenchUrl('file:///index.html')).toBe(false);
    expect(isWorkbenchUrl('anvil://user@workbench/index.html')).toBe(false);
    expect(isWorkbenchUrl('anvil://workbench:pw@workbench/index.html')).toBe(false);
  });
});
