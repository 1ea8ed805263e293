import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { openAppDatabase } from './app-database';
import { MIGRATIONS } from './migrations';

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
    expect(() => openAppDatabase(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} cannot be opened.*Move the file aside`));
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
