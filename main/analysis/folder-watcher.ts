import { lstatSync, readdirSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { isInSkippedFolder, isSkippedFolderName } from './source-files';

/** At most this many folders of one app are watched one by one. */
export const WATCHED_FOLDER_LIMIT = 2_000;

/**
 * Watch an app folder and report every path that changes in it (relative, with '/'), except inside
 * node_modules, dot-folders and build output. Returns a stop function.
 *
 * macOS and Windows watch a whole tree natively. On Linux, Node's `recursive: true` walks and watches every
 * file of node_modules up front, synchronously, and loses track of files that editors replace by rename,
 * so there each folder the scanner reads gets a watcher of its own instead.
 */
export function watchAppFolders(appFolder: string, onPath: (relative: string) => void): () => void {
  const report = (relative: string): void => {
    if (relative === '' || isInSkippedFolder(relative) || isSkippedFolderName(path.posix.basename(relative))) return;
    onPath(relative);
  };
  return process.platform === 'darwin' || process.platform === 'win32' ? watchWholeTree(appFolder, report) : watchFolderByFolder(appFolder, report);
}

function watchWholeTree(appFolder: string, report: (relative: string) => void): () => void {
  try {
    const watcher = watch(appFolder, { persistent: false, recursive: true }, (_event, name) => {
      if (name !== null) report(name.split(path.sep).join('/'));
    });
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  } catch {
    return () => undefined; // the folder is gone or cannot be watched; scans on demand still work
  }
}

function watchFolderByFolder(appFolder: string, report: (relative: string) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  let stopped = false;
  const absoluteOf = (relative: string): string => path.join(appFolder, relative);

  const unwatchUnder = (relative: string): void => {
    for (const [folder, watcher] of watchers) {
      if (folder === relative || folder.startsWith(`${relative}/`)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
  };

  const onEvent = (folder: string, name: string | null): void => {
    if (stopped) return;
    const relative = name === null ? folder : folder === '' ? name : `${folder}/${name}`;
    if (relative === '' || isInSkippedFolder(relative) || isSkippedFolderName(path.posix.basename(relative))) return;
    // A folder created or moved in needs watchers of its own; one that went away leaves its watchers behind.
    if (!watchers.has(relative)) {
      if (isRealFolder(absoluteOf(relative))) watchTree(relative);
    } else if (!isRealFolder(absoluteOf(relative))) unwatchUnder(relative);
    report(relative);
  };

  const watchTree = (top: string): void => {
    const pending = [top];
    while (pending.length > 0 && !stopped && watchers.size < WATCHED_FOLDER_LIMIT) {
      const folder = pending.pop() as string;
      if (watchers.has(folder)) continue;
      let watcher: FSWatcher;
      try {
        watcher = watch(absoluteOf(folder), { persistent: false }, (_event, name) => onEvent(folder, name));
      } catch {
        continue; // gone already, unreadable, or out of watch handles: the rest still works
      }
      watcher.on('error', () => unwatchUnder(folder));
      watchers.set(folder, watcher);
      for (const entry of entriesOf(absoluteOf(folder))) {
        if (entry.isDirectory() && !isSkippedFolderName(entry.name)) pending.push(folder === '' ? entry.name : `${folder}/${entry.name}`);
      }
    }
  };

  watchTree('');
  return () => {
    stopped = true;
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}

function isRealFolder(absolute: string): boolean {
  try {
    return lstatSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

function entriesOf(absolute: string): Dirent[] {
  try {
    return readdirSync(absolute, { withFileTypes: true });
  } catch {
    return [];
  }
}
