import { describe, expect, it } from 'vitest';
import { RealtimeTokenSigner, REALTIME_TOKEN_LIFETIME_SECONDS } from './realtime-token';

const DEV = { environment: 'development', installation: 'local-jira' };
const START = Date.UTC(2026, 0, 1);

function signed(signer: RealtimeTokenSigner, channel: string, claims: unknown, permissions?: unknown): string {
  const result = signer.sign(DEV, channel, claims, permissions);
  if (!result.ok) throw new Error(result.reason);
  return result.jwt;
}

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('realtime tokens', () => {
  it('signs a JWT carrying the channel, claims, permissions and an expiry that @forge/realtime reads, and verifies it', () => {
    const signer = new RealtimeTokenSigner(() => START);
    const result = signer.sign(DEV, 'experts', { allowedUsers: ['acc-1'], topic: 7 }, ['subscribe']);
    expect(result).toMatchObject({ ok: true, expiresAt: START / 1000 + REALTIME_TOKEN_LIFETIME_SECONDS });
    const token = (result as { jwt: string }).jwt;
    expect(payloadOf(token)).toMatchObject({ channel: { name: 'experts' }, claims: { allowedUsers: ['acc-1'], topic: 7 }, permissions: ['subscribe'], exp: START / 1000 + 3600 });
    expect(signer.verify(DEV, 'experts', token, 'subscribe')).toMatchObject({ ok: true, grant: { allowedUsers: ['acc-1'], claims: { topic: 7 } } });
    // Without permissions a token may do both.
    expect(payloadOf(signed(signer, 'experts', {}))).toMatchObject({ permissions: ['publish', 'subscribe'] });
  });

  it('refuses a forged token: an edited payload, another key, alg none, or not a JWT', () => {
    const signer = new RealtimeTokenSigner();
    const token = signed(signer, 'experts', { allowedUsers: ['acc-1'] }, ['subscribe']);
    const [header, , signature] = token.split('.');
    const widened = Buffer.from(JSON.stringify({ ...payloadOf(token), claims: { allowedUsers: ['intruder'] }, permissions: ['publish', 'subscribe'] })).toString('base64url');
    const refusals = [
      `${header}.${widened}.${signature}`,
      signed(new RealtimeTokenSigner(), 'experts', { allowedUsers: ['acc-1'] }, ['subscribe']),
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${token.split('.')[1]}.`,
      'not-a-token',
      42,
    ].map((forged) => signer.verify(DEV, 'experts', forged, 'subscribe'));
    for (const refusal of refusals) expect(refusal).toMatchObject({ ok: false, error: 'INVALID_TOKEN', reason: expect.stringContaining('INVALID_TOKEN') });
    expect(refusals[0]).toMatchObject({ reason: expect.stringContaining('signature does not match') });
  });

  it('refuses an expired token, one for another channel or installation, and one without the permission asked for, naming each', () => {
    let now = START;
    const signer = new RealtimeTokenSigner(() => now);
    const subscribeOnly = signed(signer, 'experts', {}, ['subscribe']);
    expect(signer.verify(DEV, 'experts', subscribeOnly, 'publish')).toMatchObject({ ok: false, error: 'MISSING_PERMISSION', reason: expect.stringContaining('not publish') });
    expect(signer.verify(DEV, 'leaders', subscribeOnly, 'subscribe')).toMatchObject({ ok: false, error: 'CHANNEL_NAME_MISMATCH', reason: expect.stringContaining('"experts", not "leaders"') });
    expect(signer.verify({ environment: 'development', installation: 'acme' }, 'experts', subscribeOnly, 'subscribe')).toMatchObject({
      ok: false,
      error: 'INVALID_TOKEN',
      reason: expect.stringContaining('signed for local-jira in development'),
    });
    now = START + (REALTIME_TOKEN_LIFETIME_SECONDS - 1) * 1000;
    expect(signer.verify(DEV, 'experts', subscribeOnly, 'subscribe').ok).toBe(true);
    now = START + REALTIME_TOKEN_LIFETIME_SECONDS * 1000;
    expect(signer.verify(DEV, 'experts', subscribeOnly, 'subscribe')).toMatchObject({ ok: false, error: 'TOKEN_EXPIRED', reason: expect.stringContaining('sign a new one') });
  });

  it('refuses to sign claims that are not an object, allowedUsers that are not account ids, and unknown permissions', () => {
    const signer = new RealtimeTokenSigner();
    expect(signer.sign(DEV, 'experts', 'everyone', undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('claims as an object') });
    expect(signer.sign(DEV, 'experts', { allowedUsers: 'acc-1' }, undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('allowedUsers') });
    expect(signer.sign(DEV, 'experts', {}, ['admin'])).toMatchObject({ ok: false, reason: expect.stringContaining("'publish' and 'subscribe'") });
    expect(signer.sign(DEV, 'experts', {}, [])).toMatchObject({ ok: false });
    expect(signer.sign(DEV, '', {}, undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('channel name') });
  });

  it('keeps its signing key out of reach: nothing enumerable or serialisable on the signer holds it', () => {
    const signer = new RealtimeTokenSigner();
    expect(Object.getOwnPropertyNames(signer).filter((name) => name !== 'now')).toEqual([]);
    expect(JSON.stringify(signer)).toBe('{}');
  });
});
