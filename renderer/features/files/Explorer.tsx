import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AppFilesStore } from './appFilesStore';
import { foldersAbove, isToolFolder, treeKeyAction, visibleRows, type FolderListing } from './explorerTree';
import { useAppFilesState } from './useAppFiles';
import './files.css';

interface Props {
  bridge: AnvilBridge;
  store: AppFilesStore;
}

/**
 * The app folder as a tree, listed a folder at a time as folders are expanded; a file opens in the
 * editor area. Follows changes on disk (the core's `sourcesChanged`, and again whenever the window
 * gets the focus back). Keyboard as in VS Code's Explorer: up and down move, right expands, left
 * collapses or goes to the parent, Enter opens.
 */
export function Explorer({ bridge, store }: Props) {
  const [listings, setListings] = useState<ReadonlyMap<string, FolderListing>>(() => new Map());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [focused, setFocused] = useState<string | null>(null);
  const { active } = useAppFilesState(store);
  const items = useRef(new Map<string, HTMLElement>());
  const listed = useRef(listings);
  listed.current = listings;
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;

  const list = useCallback(
    (folder: string) => {
      setListings((previous) => (previous.get(folder)?.kind === 'listed' ? previous : new Map(previous).set(folder, { kind: 'loading' })));
      bridge.listAppFolder({ folder }).then(
        (listing) => setListings((previous) => new Map(previous).set(folder, { kind: 'listed', entries: listing.entries })),
        (error: unknown) => setListings((previous) => new Map(previous).set(folder, { kind: 'failed', message: (error as Error).message })),
      );
    },
    [bridge],
  );

  useEffect(() => {
    list('');
  }, [list]);

  // Listings follow the disk: the folders a changed file is in, or every shown folder after the window was away.
  useEffect(() => {
    const relist = (folders: Iterable<string>) => {
      for (const folder of folders) if (folder === '' || (expandedRef.current.has(folder) && listed.current.has(folder))) list(folder);
    };
    const stop = bridge.subscribe('sourcesChanged', ({ file }) => relist(foldersAbove(file)));
    const onFocus = () => relist(['', ...expandedRef.current]);
    window.addEventListener('focus', onFocus);
    return () => {
      stop();
      window.removeEventListener('focus', onFocus);
    };
  }, [bridge, list]);

  const rows = visibleRows(listings, expanded);
  const focusedPath = focused !== null && rows.some((row) => row.entry.path === focused) ? focused : (rows[0]?.entry.path ?? null);

  const expand = (folder: string) => {
    setExpanded((previous) => new Set(previous).add(folder));
    if (listings.get(folder)?.kind !== 'listed') list(folder);
  };
  const collapse = (folder: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      next.delete(folder);
      return next;
    });
  const focusRow = (path: string) => {
    setFocused(path);
    items.current.get(path)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (focusedPath === null) return;
    const action = treeKeyAction(rows, focusedPath, event.key);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'focus') focusRow(action.path);
    else if (action.kind === 'expand') expand(action.path);
    else if (action.kind === 'collapse') collapse(action.path);
    else store.open(action.path);
  };

  const root = listings.get('');
  return (
    <div className="explorer">
      {root?.kind === 'loading' || root === undefined ? (
        <p className="pane-empty" role="status">
          Listing the app folder…
        </p>
      ) : null}
      {root?.kind === 'failed' ? (
        <p className="pane-empty error" role="alert">
          {root.message}
        </p>
      ) : null}
      <div role="tree" aria-label="App folder" className="explorer-tree" onKeyDown={onKeyDown}>
        {rows.map((row) => {
          const { entry } = row;
          const folder = entry.kind === 'folder';
          const listing = folder && row.expanded ? listings.get(entry.path) : undefined;
          return (
            <div
              key={entry.path}
              ref={(element) => {
                if (element) items.current.set(entry.path, element);
                else items.current.delete(entry.path);
              }}
              role="treeitem"
              aria-level={row.level}
              aria-posinset={row.position}
              aria-setsize={row.siblings}
              aria-expanded={folder ? row.expanded : undefined}
              aria-selected={entry.path === active}
              aria-busy={listing?.kind === 'loading' ? true : undefined}
              tabIndex={entry.path === focusedPath ? 0 : -1}
              title={listing?.kind === 'failed' ? listing.message : entry.path}
              className={`explorer-item${folder ? ' folder' : ' file'}${isToolFolder(entry) ? ' tool' : ''}`}
              style={{ paddingLeft: `${(row.level - 1) * 12 + 8}px` }}
              onFocus={() => setFocused(entry.path)}
              onClick={() => {
                setFocused(entry.path);
                if (!folder) store.open(entry.path);
                else if (row.expanded) collapse(entry.path);
                else expand(entry.path);
              }}
            >
              <span className="explorer-twisty" aria-hidden="true">
                {folder ? (row.expanded ? '▾' : '▸') : ''}
              </span>
              {entry.name}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The Explorer's mark in the activity bar: two sheets of paper, drawn in the text colour. */
export function ExplorerIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" focusable="false">
      <path d="M8 3h7l4 4v11H8z" />
      <path d="M15 3v4h4" />
      <path d="M5 7v14h11" />
    </svg>
  );
}
