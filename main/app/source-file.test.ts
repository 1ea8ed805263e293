import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppCopy } from '../testing';
import { readAppSourceFile } from './source-file';

describe('reading an app source file for the viewer', () => {
  it('reads a file of the app', async () => {
    const folder = sampleAppCopy();
    expect((await readAppSourceFile(folder, 'src/index.js')).text).toContain("resolver.define('getIssueRadar'");
  });

  it('refuses paths that leave the app folder, directly or through a link', async () => {
    const folder = sampleAppCopy();
    await expect(readAppSourceFile(folder, '../../etc/passwd')).rejects.toThrow('must be a path inside the app folder');
    await expect(readAppSourceFile(folder, '/etc/passwd')).rejects.toThrow('must be a path inside the app folder');
    symlinkSync('/etc', path.join(folder, 'src', 'outside'));
    await expect(readAppSourceFile(folder, 'src/outside/passwd')).rejects.toThrow('does not exist');
  });
});
