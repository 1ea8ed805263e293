import { describe, expect, it } from 'vitest';
import type { AppFolderEntry } from '../../../common/types';
import { foldersAbove, treeKeyAction, visibleRows, type FolderListing } from './explorerTree';

const folder = (path: string): AppFolderEntry => ({ name: path.slice(path.lastIndexOf('/') + 1), path, kind: 'folder' });
const file = (path: string): AppFolderEntry => ({ name: path.slice(path.lastIndexOf('/') + 1), path, kind: 'file' });
const listed = (...entries: AppFolderEntry[]): FolderListing => ({ kind: 'listed', entries });

const listings = new Map<string, FolderListing>([
  ['', listed(folder('node_modules'), folder('src'), file('manifest.yml'))],
  ['src', listed(folder('src/frontend'), file('src/index.js'))],
  ['src/frontend', listed(file('src/frontend/index.jsx'))],
  ['node_modules', { kind: 'loading' }],
]);

describe('the Explorer tree', () => {
  it('shows the entries of expanded folders under them, and nothing of collapsed ones', () => {
    expect(visibleRows(listings, new Set()).map((row) => row.entry.path)).toEqual(['node_modules', 'src', 'manifest.yml']);
    const rows = visibleRows(listings, new Set(['src', 'src/frontend']));
    expect(rows.map((row) => [row.entry.path, row.level])).toEqual([
      ['node_modules', 1],
      ['src', 1],
      ['src/frontend', 2],
      ['src/frontend/index.jsx', 3],
      ['src/index.js', 2],
      ['manifest.yml', 1],
    ]);
    expect(rows[1]).toMatchObject({ expanded: true, position: 2, siblings: 3 });
  });

  it('moves, expands, collapses and opens by keyboard', () => {
    const collapsed = visibleRows(listings, new Set());
    expect(treeKeyAction(collapsed, 'node_modules', 'ArrowDown')).toEqual({ kind: 'focus', path: 'src' });
    expect(treeKeyAction(collapsed, 'src', 'ArrowUp')).toEqual({ kind: 'focus', path: 'node_modules' });
    expect(treeKeyAction(collapsed, 'src', 'ArrowRight')).toEqual({ kind: 'expand', path: 'src' });
    expect(treeKeyAction(collapsed, 'src', 'Enter')).toEqual({ kind: 'expand', path: 'src' });
    expect(treeKeyAction(collapsed, 'manifest.yml', 'Enter')).toEqual({ kind: 'open', path: 'manifest.yml' });
    expect(treeKeyAction(collapsed, 'manifest.yml', 'ArrowDown')).toBeNull();

    const open = visibleRows(listings, new Set(['src']));
    expect(treeKeyAction(open, 'src', 'ArrowRight')).toEqual({ kind: 'focus', path: 'src/frontend' });
    expect(treeKeyAction(open, 'src', 'ArrowLeft')).toEqual({ kind: 'collapse', path: 'src' });
    expect(treeKeyAction(open, 'src/index.js', 'ArrowLeft')).toEqual({ kind: 'focus', path: 'src' });
    expect(treeKeyAction(open, 'src', 'End')).toEqual({ kind: 'focus', path: 'manifest.yml' });
  });

  it('a changed file re-lists the folder it is in and the ones above', () => {
    expect(foldersAbove('src/frontend/index.jsx')).toEqual(['', 'src', 'src/frontend']);
    expect(foldersAbove('manifest.yml')).toEqual(['']);
  });
});
