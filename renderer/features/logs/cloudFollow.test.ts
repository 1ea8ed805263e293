import { describe, expect, it } from 'vitest';
import type { CloudFollowStatus, LogLine } from '../../../common/types';
import { canFollowCloud, cloudMark, describeCloudFollow, groupCloudInvocations, isActive, shownEnvironment } from './cloudFollow';

const clock = (ts: number) => new Date(ts).toISOString().slice(11, 19);
const status = (change: Partial<CloudFollowStatus>): CloudFollowStatus => ({
  environment: 'staging',
  status: 'following',
  reason: null,
  message: 'Following cloud logs.',
  retryAt: null,
  linesStored: 0,
  ...change,
});
const line: LogLine = {
  id: 1,
  ts: 0,
  environment: 'cloud:staging',
  level: 'info',
  message: 'line 1',
  invocationId: 'inv-1',
  functionKey: 'resolver',
  moduleKey: null,
  installation: null,
  fields: null,
};

describe('following cloud logs in the Logs pane', () => {
  it('reads the cloud lines of the chosen environment, stored beside the local ones', () => {
    expect(shownEnvironment('staging', 'cloud')).toBe('cloud:staging');
    expect(shownEnvironment('staging', 'local')).toBe('staging');
  });

  it('offers cloud logs for development, staging and custom environments, not production', () => {
    expect(canFollowCloud({ key: 'staging', kind: 'staging' })).toBe(true);
    expect(canFollowCloud({ key: 'alex', kind: 'custom' })).toBe(true);
    expect(canFollowCloud({ key: 'production', kind: 'production' })).toBe(false);
  });

  it('marks cloud lines with their app version, local lines not at all', () => {
    expect(cloudMark({ ...line, source: 'cloud', appVersion: '4.2.0' })).toBe('cloud · 4.2.0');
    expect(cloudMark({ ...line, source: 'cloud' })).toBe('cloud');
    expect(cloudMark(line)).toBeNull();
  });

  it('says a rate limit and until when it waits', () => {
    const text = describeCloudFollow(status({ status: 'waiting', reason: 'rate-limited', retryAt: Date.parse('2026-12-04T14:05:09Z'), message: 'The platform asked to wait.' }), clock);
    expect(text).toBe('Rate limited by the Forge platform — waiting until 14:05:09. The platform asked to wait.');
  });

  it('says why following stopped and what to do, and offers Follow again', () => {
    const stopped = status({ status: 'stopped', reason: 'unauthorized', message: 'The Forge platform refused your API token. Log in again, then follow again.' });
    expect(describeCloudFollow(stopped, clock)).toBe('Stopped: The Forge platform refused your API token. Log in again, then follow again.');
    expect(isActive(stopped)).toBe(false);
    expect(describeCloudFollow(status({ status: 'stopped', reason: 'stopped' }), clock)).toBe('Stopped following cloud logs.');
  });

  it('counts the lines stored while following, and offers Stop', () => {
    const following = status({ linesStored: 1200 });
    expect(describeCloudFollow(following, clock)).toBe('Following cloud logs (1,200 new lines stored).');
    expect(isActive(following)).toBe(true);
    expect(describeCloudFollow(null, clock)).toMatch(/^Not following/);
  });

  it("groups cloud lines by invocation, newest invocation first, with each one's lines, levels and app version", () => {
    const at = (id: number, ts: number, invocationId: string | null, level: LogLine['level'], appVersion = '4.2.0'): LogLine => ({
      ...line,
      id,
      ts,
      invocationId,
      level,
      source: 'cloud',
      appVersion,
      message: `line ${id}`,
    });
    const groups = groupCloudInvocations([at(3, 3000, 'inv-a', 'error'), at(1, 1000, 'inv-a', 'info'), at(2, 2000, 'inv-b', 'warn', '4.3.0'), at(4, 500, null, 'info')]);
    expect(groups.map((group) => group.invocationId)).toEqual(['inv-b', 'inv-a']);
    expect(groups[1]).toMatchObject({ firstTs: 1000, lastTs: 3000, appVersion: '4.2.0', lineCounts: { info: 1, error: 1 } });
    expect(groups[1]!.lines.map((entry) => entry.message)).toEqual(['line 1', 'line 3']);
    expect(groups[0]).toMatchObject({ appVersion: '4.3.0', lineCounts: { warn: 1 } });
  });
});
