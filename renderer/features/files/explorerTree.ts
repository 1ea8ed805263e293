import type { AppFolderEntry } from '../../../common/types';

/** What is known of a folder's contents: listed, being listed, or why it could not be. */
export type FolderListing = { kind: 'listed'; entries: AppFolderEntry[] } | { kind: 'loading' } | { kind: 'failed'; message: string };

/** One visible row of the tree. */
export interface TreeRow {
  entry: AppFolderEntry;
  /** 1 for the app folder's own entries. */
  level: number;
  /** The folder it is in ('' for the app folder). */
  parent: string;
  expanded: boolean;
  /** Its place among its siblings, for assistive technology (aria-posinset / aria-setsize). */
  position: number;
  siblings: number;
}

/** The rows on screen: the app folder's entries, and each expanded folder's entries under it. */
export function visibleRows(listings: ReadonlyMap<string, FolderListing>, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (folder: string, level: number) => {
    const listing = listings.get(folder);
    if (listing?.kind !== 'listed') return;
    listing.entries.forEach((entry, index) => {
      const open = entry.kind === 'folder' && expanded.has(entry.path);
      rows.push({ entry, level, parent: folder, expanded: open, position: index + 1, siblings: listing.entries.length });
      if (open) walk(entry.path, level + 1);
    });
  };
  walk('', 1);
  return rows;
}

export type TreeAction = { kind: 'focus'; path: string } | { kind: 'expand'; path: string } | { kind: 'collapse'; path: string } | { kind: 'open'; path: string };

/** What a key does on the focused row (the WAI-ARIA tree pattern, as VS Code's Explorer does it). */
export function treeKeyAction(rows: readonly TreeRow[], focused: string, key: string): TreeAction | null {
  const at = rows.findIndex((row) => row.entry.path === focused);
  const row = rows[at];
  if (!row) return rows[0] ? { kind: 'focus', path: rows[0].entry.path } : null;
  const folder = row.entry.kind === 'folder';
  switch (key) {
    case 'ArrowDown':
      return rows[at + 1] ? { kind: 'focus', path: rows[at + 1]!.entry.path } : null;
    case 'ArrowUp':
      return rows[at - 1] ? { kind: 'focus', path: rows[at - 1]!.entry.path } : null;
    case 'Home':
      return { kind: 'focus', path: rows[0]!.entry.path };
    case 'End':
      return { kind: 'focus', path: rows[rows.length - 1]!.entry.path };
    case 'ArrowRight':
      if (!folder) return null;
      if (!row.expanded) return { kind: 'expand', path: row.entry.path };
      return rows[at + 1]?.parent === row.entry.path ? { kind: 'focus', path: rows[at + 1]!.entry.path } : null;
    case 'ArrowLeft':
      if (folder && row.expanded) return { kind: 'collapse', path: row.entry.path };
      return row.parent ? { kind: 'focus', path: row.parent } : null;
    case 'Enter':
    case ' ':
      if (!folder) return { kind: 'open', path: row.entry.path };
      return row.expanded ? { kind: 'collapse', path: row.entry.path } : { kind: 'expand', path: row.entry.path };
    default:
      return null;
  }
}

/** The folders whose listing a change to `file` may alter: the one it is in and every one above it. */
export function foldersAbove(file: string): string[] {
  const parts = file.split('/');
  const folders = [''];
  for (let index = 1; index < parts.length; index += 1) folders.push(parts.slice(0, index).join('/'));
  return folders;
}

/** Folders shown dimmed: they belong to tools, not to the app's own code. */
export function isToolFolder(entry: AppFolderEntry): boolean {
  return entry.kind === 'folder' && (entry.name === 'node_modules' || entry.name === '.git' || entry.name === '.anvil');
}
