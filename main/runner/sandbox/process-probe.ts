import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ProbeResultMessage } from '../protocol';

/**
 * What this runner process itself may do, as the host started it: whether Node's permission model
 * is on, whether it may read a given file or start a process, and which environment variables it
 * has. The host asks for it over IPC (app code cannot send it), so tests check the real process.
 */
export function probeProcess(id: number, file: string): ProbeResultMessage {
  const permission = (process as { permission?: { has(scope: string, reference?: string): boolean } }).permission;
  return {
    type: 'probe-result',
    id,
    permissionModel: typeof permission?.has === 'function',
    mayRead: permission ? permission.has('fs.read', file) : true,
    mayStartProcesses: permission ? permission.has('child') : true,
    read: attempt(() => readFileSync(file, 'utf8').length),
    spawn: attempt(() => spawnSync(process.execPath, ['--version']).status),
    environment: Object.keys(process.env),
  };
}

function attempt(action: () => unknown): string {
  try {
    action();
    return 'allowed';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  }
}
