import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { terminalEnvironment } from './terminal-environment';
import { TerminalSessions } from './terminal-sessions';

describe('a terminal environment', () => {
  it('carries no Forge credentials unless asked, even when Anvil itself has them', () => {
    const base = { PATH: '/usr/bin', HOME: '/home/dev', FORGE_EMAIL: 'me@example.com', FORGE_API_TOKEN: 'inherited-token', ANVIL_DATA_DIR: '/data' };
    const plain = terminalEnvironment(base, null);
    expect(plain).toMatchObject({ PATH: '/usr/bin', HOME: '/home/dev' });
    expect(plain).not.toHaveProperty('FORGE_API_TOKEN');
    expect(plain).not.toHaveProperty('FORGE_EMAIL');
    expect(plain).not.toHaveProperty('ANVIL_DATA_DIR');
    expect(terminalEnvironment(base, { email: 'dev@example.com', token: 'vault-token' })).toMatchObject({ FORGE_EMAIL: 'dev@example.com', FORGE_API_TOKEN: 'vault-token' });
  });
});

describe('terminal sessions (node-pty)', () => {
  it('runs a shell in the app folder and streams its output', async () => {
    const folder = scratchFolder();
    let output = '';
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    const sessions = new TerminalSessions({ output: (_id, data) => (output += data), exit: (_id, code) => resolveExit(code) });
    const id = sessions.open(folder, terminalEnvironment({ PATH: process.env.PATH, SHELL: '/bin/sh' }, { email: 'dev@example.com', token: 'from-vault' }), { cols: 80, rows: 24 });
    sessions.write(id, 'echo "cwd=$(pwd) email=$FORGE_EMAIL"; exit 3\r');
    expect(await exited).toBe(3);
    expect(output).toContain(`cwd=${folder} email=dev@example.com`);
    expect(() => sessions.write(id, 'x')).toThrow('No open terminal');
  });
});
