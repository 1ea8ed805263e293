import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../database';
import { scratchFolder } from '../../testing';
import { WebTriggerUrls } from './web-trigger-urls';

describe('web trigger URLs', () => {
  it('gives each module of each installation its own unguessable id, the same one every time', () => {
    const urls = new WebTriggerUrls(openAppDatabase(null));
    const hook = urls.idFor('development', 'jira', 'deploy-hook');
    expect(hook).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 random bits
    expect(urls.idFor('development', 'jira', 'deploy-hook')).toBe(hook);
    const others = [urls.idFor('development', 'jira', 'other-hook'), urls.idFor('development', 'confluence', 'deploy-hook'), urls.idFor('staging', 'jira', 'deploy-hook')];
    expect(new Set([hook, ...others]).size).toBe(4);
    expect(urls.find(hook)).toEqual({ environment: 'development', installation: 'jira', moduleKey: 'deploy-hook' });
  });

  it('knows nothing of ids it did not hand out', () => {
    const urls = new WebTriggerUrls(openAppDatabase(null));
    urls.idFor('development', 'jira', 'deploy-hook');
    expect(urls.find('AAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
    expect(urls.find("' OR 1=1 --")).toBeNull();
    expect(urls.find('')).toBeNull();
  });

  it('keeps a URL across restarts, so a URL pasted into another tool keeps working', () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    const first = openAppDatabase(file);
    const id = new WebTriggerUrls(first).idFor('development', 'jira', 'deploy-hook');
    first.close();
    const again = openAppDatabase(file);
    expect(new WebTriggerUrls(again).find(id)).toEqual({ environment: 'development', installation: 'jira', moduleKey: 'deploy-hook' });
    expect(new WebTriggerUrls(again).idFor('development', 'jira', 'deploy-hook')).toBe(id);
    again.close();
  });
});
