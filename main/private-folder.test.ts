import { chmodSync, chownSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimPrivateFolder } from './private-folder';
import { scratchFolder } from './testing';

describe('a private folder in a place every local user can write to', () => {
  it('is made readable by this user only', () => {
    const folder = path.join(scratchFolder(), 'mine');
    expect(claimPrivateFolder(folder, 0o077)).toBe(true);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('is taken over when this user made it before and nobody else can change it', () => {
    const folder = path.join(scratchFolder(), 'earlier');
    mkdirSync(folder, { mode: 0o700 });
    expect(claimPrivateFolder(folder, 0o077)).toBe(true);
  });

  it('is refused when others may write to it, or when it is a link to somewhere else', () => {
    const root = scratchFolder();
    const open = path.join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(claimPrivateFolder(open, 0o022)).toBe(false);
    const readable = path.join(root, 'readable');
    mkdirSync(readable);
    chmodSync(readable, 0o755);
    expect(claimPrivateFolder(readable, 0o022)).toBe(true);
    expect(claimPrivateFolder(readable, 0o077)).toBe(false);
    const link = path.join(root, 'link');
    const target = path.join(root, 'target');
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, link);
    expect(claimPrivateFolder(link, 0o077)).toBe(false);
  });

  // Giving a folder away takes root; as root the check that matters is the owner.
  it.runIf(process.getuid?.() === 0)('is refused when another user owns it', () => {
    const folder = path.join(scratchFolder(), 'theirs');
    mkdirSync(folder, { mode: 0o700 });
    chownSync(folder, 65534, 65534);
    expect(claimPrivateFolder(folder, 0o077)).toBe(false);
  });
});
