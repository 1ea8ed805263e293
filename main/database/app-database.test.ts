import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { openAppDatabase } from './app-database';
import { MIGRATIONS } from './migrations';

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Make `file` read-only for this process, even for root (which ignores mode bits): returns the undo. */
function readOnly(file: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', file]);
    return () => execFileSync('chattr', ['-i', file]);
  }
  chmodSync(file, 0o444);
  return () => chmodSync(file, 0o644);
}

describe('the app database', () => {
  it('is created with the current schema in WAL mode', () => {
    const db = openAppDatabase(path.join(scratchFolder(), 'nested', 'anvil.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a file that is not a database, names it, and leaves it as it was', () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    writeFileSync(file, 'these are my notes, not a database '.repeat(200));
    const before = readFileSync(file);
    expect(() => openAppDatabase(file)).toThrow(new RegExp(`${escaped(file)} is damaged.*Anvil leaves it untouched: move the file aside`));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a read-only database at once, naming the file and the permissions to check, and writes nothing', () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    openAppDatabase(file).close();
    const before = readFileSync(file);
    const restore = readOnly(file);
    try {
      let message = '';
      try {
        openAppDatabase(file).close();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(new RegExp(`^The app database ${escaped(file)} cannot be written: the file or its folder is read-only .*Check the permissions`));
      // Moving a healthy database aside would lose the developer's data for nothing.
      expect(message).not.toMatch(/move the file aside/i);
    } finally {
      restore();
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database written by a newer Anvil rather than changing it', () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    const db = openAppDatabase(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => openAppDatabase(file)).toThrow(/written by a newer Anvil.*Update Anvil/);
  });
});
