import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppCopy } from '../testing';
import { describeAppFolder } from './app-folder';
import { resolveAppFolderPath } from './app-folder-path';

describe('a folder typed in the Open dialog', () => {
  const home = path.resolve('/home/dev');
  const besideOpenApp = path.resolve('/work/apps');

  it('takes ~ and ~/… as the home folder', () => {
    expect(resolveAppFolderPath('~', besideOpenApp, home)).toBe(home);
    expect(resolveAppFolderPath('~/forge/radar', besideOpenApp, home)).toBe(path.join(home, 'forge', 'radar'));
    expect(resolveAppFolderPath('  ~/radar ', besideOpenApp, home)).toBe(path.join(home, 'radar'));
  });

  it('takes a relative path beside the open app, and an absolute one as it is', () => {
    expect(resolveAppFolderPath('other-app', besideOpenApp, home)).toBe(path.join(besideOpenApp, 'other-app'));
    expect(resolveAppFolderPath('../elsewhere/app', besideOpenApp, home)).toBe(path.resolve('/work/elsewhere/app'));
    expect(resolveAppFolderPath(path.resolve('/srv/app'), besideOpenApp, home)).toBe(path.resolve('/srv/app'));
  });

  it('refuses ~user, saying what to type instead', () => {
    expect(() => resolveAppFolderPath('~bob/app', besideOpenApp, home)).toThrow(/another user's home folder.*type the full path, or ~\/…/);
  });

  it('names what was typed and where it led when that is no app folder', async () => {
    const app = sampleAppCopy();
    const missing = path.join(path.dirname(app), 'no-such-app');
    await expect(describeAppFolder(missing, 'no-such-app')).rejects.toThrow(`"no-such-app" (${missing}) is not a folder. Choose the folder that holds your app's manifest.yml`);
    await expect(describeAppFolder(path.dirname(app), '..')).rejects.toThrow(`".." (${path.dirname(app)}) has no manifest.yml`);
    // Typed in full: said once.
    await expect(describeAppFolder(missing, missing)).rejects.toThrow(new RegExp(`^${missing.replace(/[/\\.]/g, '\\$&')} is not a folder`));
  });
});
