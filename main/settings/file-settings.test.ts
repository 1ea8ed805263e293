import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { openFileSettings } from './file-settings';
import { MAX_RECENT_APPS, withRecentApp } from './settings';

describe('settings in the data folder', () => {
  it('remember recent apps and the window across launches', () => {
    const dataDir = scratchFolder();
    const first = openFileSettings(dataDir);
    first.set('recentApps', withRecentApp(first.get('recentApps'), '/apps/one'));
    first.set('window', { width: 1000, height: 700, maximized: true });
    const second = openFileSettings(dataDir);
    expect(second.get('recentApps')).toEqual(['/apps/one']);
    expect(second.get('window')).toEqual({ width: 1000, height: 700, maximized: true });
  });

  it('refuse values that break the schema', () => {
    const settings = openFileSettings(scratchFolder());
    expect(() => settings.set('window', { width: 'wide' } as never)).toThrow(/window/);
  });

  it('keep a damaged settings file aside instead of losing it', () => {
    const dataDir = scratchFolder();
    writeFileSync(path.join(dataDir, 'settings.json'), '{ not json');
    const notices: string[] = [];
    const settings = openFileSettings(dataDir, (notice) => notices.push(notice));
    expect(settings.get('recentApps')).toEqual([]);
    const kept = readdirSync(dataDir).find((name) => name.startsWith('settings.json.damaged-'));
    expect(kept).toBeDefined();
    expect(readFileSync(path.join(dataDir, kept!), 'utf8')).toBe('{ not json');
    expect(notices[0]).toContain('could not be read');
    expect(existsSync(path.join(dataDir, 'settings.json'))).toBe(true);
  });
});

describe('the recent apps list', () => {
  it('puts the newest first, without duplicates, capped', () => {
    let recent: string[] = [];
    for (let index = 0; index < MAX_RECENT_APPS + 3; index += 1) recent = withRecentApp(recent, `/apps/${index}`);
    recent = withRecentApp(recent, '/apps/5');
    expect(recent[0]).toBe('/apps/5');
    expect(recent).toHaveLength(MAX_RECENT_APPS);
    expect(new Set(recent).size).toBe(recent.length);
  });
});
