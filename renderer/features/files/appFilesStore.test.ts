import { describe, expect, it } from 'vitest';
import type { AppFileDocument } from '../../../common/types';
import { AppFilesStore, type AppFileBuffers, type AppFilesBridge } from './appFilesStore';

/** A disk of files with revisions, refusing a save based on an older revision as the core does. */
function fakeDisk(files: Record<string, string>) {
  const disk = new Map(Object.entries(files).map(([file, text]) => [file, { text, revision: 1 }]));
  const saves: { file: string; text: string; baseRevision?: string }[] = [];
  const document = (file: string): AppFileDocument => {
    const entry = disk.get(file);
    if (!entry) throw Object.assign(new Error(`${file} does not exist`), { code: 'not-found' });
    return { file, text: entry.text, revision: String(entry.revision), language: 'javascript' };
  };
  const bridge: AppFilesBridge = {
    readAppFile: async ({ file }) => document(file),
    saveAppFile: async (request) => {
      saves.push(request);
      const entry = disk.get(request.file);
      if (entry && request.baseRevision !== undefined && request.baseRevision !== String(entry.revision)) {
        throw Object.assign(new Error(`${request.file} changed on disk since you opened it`), { code: 'app-file-conflict' });
      }
      disk.set(request.file, { text: request.text, revision: (entry?.revision ?? 0) + 1 });
      return document(request.file);
    },
  };
  const writeOutside = (file: string, text: string) => disk.set(file, { text, revision: (disk.get(file)?.revision ?? 0) + 1 });
  return { bridge, saves, writeOutside, read: (file: string) => disk.get(file)?.text };
}

/** Editor models reduced to text and a version, as the Monaco side keeps them. */
function fakeBuffers(store: AppFilesStore) {
  const models = new Map<string, { text: string; version: number; clean: number }>();
  const buffers: AppFileBuffers = {
    snapshot: (file) => {
      const model = models.get(file);
      return model ? { text: model.text, version: model.version } : null;
    },
    replace: (file, text) => {
      const model = models.get(file)!;
      model.text = text;
      model.version += 1;
      model.clean = model.version;
      store.setDirty(file, false);
    },
    markClean: (file, version) => {
      const model = models.get(file)!;
      model.clean = version;
      store.setDirty(file, model.version !== model.clean);
    },
    discard: (file) => void models.delete(file),
  };
  store.attachBuffers(buffers);
  return {
    load: (file: string) => models.set(file, { text: store.getState().files.get(file)!.document!.text, version: 1, clean: 1 }),
    type: (file: string, text: string) => {
      const model = models.get(file)!;
      model.text = text;
      model.version += 1;
      store.setDirty(file, model.version !== model.clean);
    },
    text: (file: string) => models.get(file)?.text,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function openedStore(files: Record<string, string>, open: string) {
  const disk = fakeDisk(files);
  const store = new AppFilesStore(disk.bridge);
  const buffers = fakeBuffers(store);
  store.open(open);
  await settle();
  buffers.load(open);
  return { disk, store, buffers };
}

describe('open app files', () => {
  it('opens a file in a tab after the manifest and shows it, at a line when asked', async () => {
    const { store } = await openedStore({ 'src/index.js': 'a\nb\n' }, 'src/index.js');
    expect(store.getState().order).toEqual(['manifest.yml', 'src/index.js']);
    expect(store.getState().active).toBe('src/index.js');
    store.open('src/index.js', 2);
    expect(store.getState().files.get('src/index.js')?.reveal?.line).toBe(2);
    store.open('manifest.yml', 4);
    expect(store.getState()).toMatchObject({ active: 'manifest.yml', manifestReveal: { line: 4 } });
  });

  it('a file that cannot be read says why in its tab', async () => {
    const disk = fakeDisk({});
    const store = new AppFilesStore(disk.bridge);
    store.open('src/gone.js');
    await settle();
    expect(store.getState().files.get('src/gone.js')?.error).toMatch(/does not exist/);
  });

  it('saves the editor text based on the revision it was read at, and is clean afterwards', async () => {
    const { disk, store, buffers } = await openedStore({ 'src/index.js': 'one' }, 'src/index.js');
    buffers.type('src/index.js', 'two');
    expect(store.dirtyFiles()).toEqual(['src/index.js']);
    expect(await store.save('src/index.js')).toBe(true);
    expect(disk.read('src/index.js')).toBe('two');
    expect(disk.saves[0]).toEqual({ file: 'src/index.js', text: 'two', baseRevision: '1' });
    expect(store.dirtyFiles()).toEqual([]);
  });

  it('a save refused because the disk changed shows the conflict; Overwrite writes anyway, Reload takes the disk', async () => {
    const { disk, store, buffers } = await openedStore({ 'src/index.js': 'one' }, 'src/index.js');
    buffers.type('src/index.js', 'mine');
    disk.writeOutside('src/index.js', 'theirs');
    expect(await store.save('src/index.js')).toBe(false);
    expect(store.getState().files.get('src/index.js')?.conflict).toMatch(/changed on disk/);
    expect(disk.read('src/index.js')).toBe('theirs');

    expect(await store.save('src/index.js', true)).toBe(true);
    expect(disk.read('src/index.js')).toBe('mine');
    expect(store.getState().files.get('src/index.js')?.conflict).toBeNull();

    buffers.type('src/index.js', 'mine again');
    disk.writeOutside('src/index.js', 'theirs again');
    await store.reloadFromDisk('src/index.js');
    expect(buffers.text('src/index.js')).toBe('theirs again');
    expect(store.dirtyFiles()).toEqual([]);
  });

  it('an outside change reloads a clean editor silently and marks a dirty one without touching its text', async () => {
    const { disk, store, buffers } = await openedStore({ 'src/index.js': 'one' }, 'src/index.js');
    disk.writeOutside('src/index.js', 'two');
    await store.checkDisk('src/index.js');
    expect(buffers.text('src/index.js')).toBe('two');
    expect(store.getState().files.get('src/index.js')?.conflict).toBeNull();

    buffers.type('src/index.js', 'mine');
    disk.writeOutside('src/index.js', 'three');
    await store.checkDisk('src/index.js');
    expect(buffers.text('src/index.js')).toBe('mine');
    expect(store.getState().files.get('src/index.js')?.conflict).toMatch(/changed on disk while you have unsaved edits/);
  });

  it('its own save is not taken for an outside change', async () => {
    const { store, buffers } = await openedStore({ 'src/index.js': 'one' }, 'src/index.js');
    buffers.type('src/index.js', 'two');
    await store.save('src/index.js');
    buffers.type('src/index.js', 'three');
    await store.checkDisk('src/index.js');
    expect(store.getState().files.get('src/index.js')?.conflict).toBeNull();
    expect(buffers.text('src/index.js')).toBe('three');
  });

  it('read-only files are never saved', async () => {
    const { disk, store, buffers } = await openedStore({ 'img.bin': 'PNG\u0000data' }, 'img.bin');
    expect(store.getState().files.get('img.bin')?.readOnly).toMatch(/binary/);
    buffers.type('img.bin', 'x');
    expect(await store.save('img.bin')).toBe(false);
    expect(disk.saves).toEqual([]);
  });

  it('closing a tab shows its neighbour and drops its model; the manifest cannot be closed', async () => {
    const { store, buffers } = await openedStore({ 'src/a.js': 'a', 'src/b.js': 'b' }, 'src/a.js');
    store.open('src/b.js');
    await settle();
    store.activate('src/a.js');
    store.close('src/a.js');
    expect(store.getState()).toMatchObject({ order: ['manifest.yml', 'src/b.js'], active: 'src/b.js' });
    expect(buffers.text('src/a.js')).toBeUndefined();
    store.close('manifest.yml');
    expect(store.getState().order).toContain('manifest.yml');
  });

  it('Save All saves every dirty file', async () => {
    const { disk, store, buffers } = await openedStore({ 'src/a.js': 'a', 'src/b.js': 'b' }, 'src/a.js');
    store.open('src/b.js');
    await settle();
    buffers.load('src/b.js');
    buffers.type('src/a.js', 'A');
    buffers.type('src/b.js', 'B');
    expect(await store.saveAll()).toBe(true);
    expect([disk.read('src/a.js'), disk.read('src/b.js')]).toEqual(['A', 'B']);
  });
});
