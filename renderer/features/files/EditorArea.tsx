import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import type { AnvilBridge } from '../../../common/api';
import type { AnalysisReport } from '../../../common/types';
import { ManifestEditor } from '../../lazyPanes';
import { useCommands } from '../../ui/commands';
import { shortcut } from '../../workbenchCommands';
import { UnsavedChangesDialog } from '../../ui/UnsavedChangesDialog';
import type { UnsavedWork } from '../../ui/useUnsavedGuard';
import { MANIFEST_FILE, tabLabels } from './appFilePaths';
import type { AppFilesStore, OpenAppFile } from './appFilesStore';
import { cycle, tabKeyTarget } from './editorTabs';
import { LazyAppFileEditor } from './lazyAppFileEditor';
import { revealManifestLine } from './manifestModel';
import { useAppFilesState } from './useAppFiles';
import './files.css';

interface Props {
  bridge: AnvilBridge;
  store: AppFilesStore;
  /** Told about every new analysis of the manifest (the Scopes pane shows it). */
  onReport: (report: AnalysisReport | null) => void;
  /** Told about the manifest's text as it is typed (the Consent pane previews it). */
  onText: (text: string) => void;
  /** Told when any editor starts or stops holding unsaved edits, with a way to save them all. */
  onUnsavedChange: (work: UnsavedWork | null) => void;
}

const tabId = (key: string) => `editor-tab-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const panelId = (key: string) => `editor-panel-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * The editors, in tabs as in VS Code: manifest.yml first (its own editor, with the analysis), then
 * the app files opened from the Explorer or from a code location. A tab shows a dot while its file
 * has unsaved edits; closing such a tab asks first. Ctrl/Cmd+S saves the shown file, Ctrl+W or a
 * middle click closes a tab, Ctrl+Tab and the arrow keys in the strip move between tabs.
 */
export function EditorArea({ bridge, store, onReport, onText, onUnsavedChange }: Props) {
  const state = useAppFilesState(store);
  const [manifestWork, setManifestWork] = useState<UnsavedWork | null>(null);
  const [closing, setClosing] = useState<string | null>(null);
  const tabs = useRef(new Map<string, HTMLElement>());
  const appFiles = state.order.filter((key) => key !== MANIFEST_FILE);
  const labels = tabLabels(appFiles);
  const active = state.files.get(state.active) ?? null;

  const openSource = useCallback((file: string, line: number) => store.open(file, line), [store]);

  // A line of the manifest asked for: shown once its editor exists.
  useEffect(() => {
    if (state.manifestReveal && state.active === MANIFEST_FILE) revealManifestLine(state.manifestReveal.line);
  }, [state.manifestReveal, state.active]);

  // One unsaved-work entry for the whole area: leaving the app or the page asks about every dirty editor.
  const dirtyFiles = state.order.filter((key) => (key === MANIFEST_FILE ? manifestWork !== null : state.files.get(key)?.dirty));
  const dirtyKey = dirtyFiles.join('\n');
  const manifestWorkRef = useRef(manifestWork);
  manifestWorkRef.current = manifestWork;
  useLayoutEffect(() => {
    const files = dirtyKey === '' ? [] : dirtyKey.split('\n');
    onUnsavedChange(
      files.length === 0
        ? null
        : {
            file: files[0]!,
            files,
            save: async () => {
              const manifestSaved = manifestWorkRef.current ? await manifestWorkRef.current.save() : true;
              const filesSaved = await store.saveAll();
              return manifestSaved && filesSaved;
            },
          },
    );
  }, [dirtyKey, onUnsavedChange, store]);
  useEffect(() => {
    return () => onUnsavedChange(null);
  }, [onUnsavedChange]);

  const focusTab = (key: string) => requestAnimationFrame(() => tabs.current.get(key)?.focus());

  const requestClose = useCallback(
    (file: string) => {
      const open = store.getState().files.get(file);
      if (!open) return;
      if (open.dirty) setClosing(file);
      else store.close(file);
    },
    [store],
  );

  const saveActive = useCallback(() => {
    const key = store.getState().active;
    if (key === MANIFEST_FILE) void manifestWorkRef.current?.save();
    else void store.save(key);
  }, [store]);

  // Ctrl/Cmd+S saves the shown editor wherever the focus is (the Explorer, a pane), as in VS Code;
  // inside the editor area the capture handler below has already done it.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      saveActive();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [saveActive]);

  useCommands([
    { id: 'files-save', category: 'File', title: 'Save', shortcut: shortcut('Ctrl+S'), run: saveActive },
    { id: 'files-save-all', category: 'File', title: 'Save All', run: () => void store.saveAll().then(() => manifestWorkRef.current?.save()) },
    { id: 'files-close', category: 'View', title: 'Close Editor', shortcut: shortcut('Ctrl+W'), run: () => requestClose(store.getState().active) },
  ]);

  const onKeyDownCapture = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    // The manifest's editor saves itself (its own Ctrl+S); everything else is handled here, before Monaco sees it.
    const inManifestEditor = (event.target as HTMLElement).closest?.('.manifest-editor') !== null;
    if (mod && !event.altKey && key === 's' && !inManifestEditor) {
      event.preventDefault();
      event.stopPropagation();
      saveActive();
    } else if (mod && !event.altKey && !event.shiftKey && key === 'w') {
      event.preventDefault();
      event.stopPropagation();
      requestClose(store.getState().active);
    } else if (event.ctrlKey && event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      const next = cycle(store.getState().order, store.getState().active, event.shiftKey ? -1 : 1);
      if (next) {
        store.activate(next);
        focusTab(next);
      }
    }
  };

  const onTabKeyDown = (event: KeyboardEvent, key: string) => {
    if (event.key === 'Delete' && key !== MANIFEST_FILE) {
      event.preventDefault();
      requestClose(key);
      return;
    }
    const next = tabKeyTarget(state.order, key, event.key);
    if (!next) return;
    event.preventDefault();
    store.activate(next);
    focusTab(next);
  };

  const onTabMouseDown = (event: MouseEvent, key: string) => {
    // Middle click closes, as in VS Code (and never starts the browser's auto-scroll).
    if (event.button === 1) event.preventDefault();
    if (event.button === 1 && key !== MANIFEST_FILE) requestClose(key);
  };

  const closingFile = closing ? state.files.get(closing) : undefined;

  return (
    <div className="editor-group" onKeyDownCapture={onKeyDownCapture}>
      <div role="tablist" aria-label="Open editors" className="editor-tabs">
        {state.order.map((key) => {
          const selected = key === state.active;
          const open = state.files.get(key);
          const dirty = key === MANIFEST_FILE ? manifestWork !== null : open?.dirty === true;
          const label = key === MANIFEST_FILE ? { name: MANIFEST_FILE, hint: null } : (labels.get(key) ?? { name: key, hint: null });
          return (
            <div
              key={key}
              ref={(element) => {
                if (element) tabs.current.set(key, element);
                else tabs.current.delete(key);
              }}
              role="tab"
              id={tabId(key)}
              aria-selected={selected}
              aria-controls={panelId(selected ? key : state.active)}
              aria-keyshortcuts={key === MANIFEST_FILE ? undefined : 'Control+W Delete'}
              tabIndex={selected ? 0 : -1}
              title={key}
              className={`editor-tab${selected ? ' active' : ''}${dirty ? ' dirty' : ''}`}
              onClick={() => store.activate(key)}
              onMouseDown={(event) => onTabMouseDown(event, key)}
              onAuxClick={(event) => event.button === 1 && event.preventDefault()}
              onKeyDown={(event) => onTabKeyDown(event, key)}
            >
              <span className="editor-tab-name">{label.name}</span>
              {label.hint ? <span className="editor-tab-hint">{label.hint}</span> : null}
              {dirty ? <span className="visually-hidden"> (not saved)</span> : null}
              {key === MANIFEST_FILE ? (
                dirty ? (
                  <span className="editor-tab-dot" aria-hidden="true" />
                ) : null
              ) : (
                // A mouse affordance; the keyboard closes with Ctrl+W or Delete on the tab (aria-keyshortcuts).
                <span
                  className="editor-tab-close"
                  aria-hidden="true"
                  title={`Close ${key}`}
                  data-testid={`close-${key}`}
                  onClick={(event) => {
                    event.stopPropagation();
                    requestClose(key);
                  }}
                />
              )}
            </div>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId(MANIFEST_FILE)} aria-labelledby={tabId(MANIFEST_FILE)} hidden={state.active !== MANIFEST_FILE} className="editor-panel">
        <ManifestEditor bridge={bridge} onReport={onReport} onText={onText} onOpenSource={openSource} onUnsavedChange={setManifestWork} />
      </div>
      {appFiles.length > 0 ? (
        <div role="tabpanel" id={panelId(active?.file ?? 'files')} aria-labelledby={active ? tabId(active.file) : undefined} hidden={active === null} className="editor-panel">
          {active ? <FileBars store={store} open={active} /> : null}
          {active?.error ? (
            // The core says why it does not open the file (binary, over its size limit, gone); the tab stays so the note can be read.
            <div className="banner info" role="note">
              {active.error}
            </div>
          ) : null}
          <div className="app-file-host" hidden={active?.error !== null && active?.error !== undefined}>
            <LazyAppFileEditor store={store} state={state} />
          </div>
        </div>
      ) : null}
      {closing && closingFile
        ? // Over the whole workbench, as every dialog: drawn inside the editor area, the panel beside it would cover it.
          createPortal(
            <UnsavedChangesDialog
              file={closing}
              action="closing it"
              onSave={async () => {
                const saved = await store.save(closing);
                if (saved) {
                  setClosing(null);
                  store.close(closing);
                }
                return saved;
              }}
              onDiscard={() => {
                setClosing(null);
                store.close(closing);
              }}
              onCancel={() => setClosing(null)}
            />,
            document.body,
          )
        : null}
    </div>
  );
}

/** The shown file's path, its save state, and the bars that ask for a choice (read-only, conflicts). */
function FileBars({ store, open }: { store: AppFilesStore; open: OpenAppFile }) {
  return (
    <>
      <div className="editor-toolbar">
        <span className="file-name" title={open.file}>
          {open.file}
        </span>
        {open.saving ? <span className="save-status">Saving…</span> : null}
        {open.saveError ? (
          <span className="save-status error" role="alert">
            {open.saveError}
          </span>
        ) : null}
        {!open.saving && !open.saveError ? <span className="save-status" /> : null}
        <button type="button" onClick={() => void store.save(open.file)} disabled={!open.document || open.readOnly !== null || open.saving}>
          Save
        </button>
      </div>
      {open.readOnly ? (
        <div className="banner info" role="note">
          {open.readOnly}
        </div>
      ) : null}
      {open.conflict ? (
        <div className="banner warning" role="alert">
          {open.conflict}
          <button type="button" onClick={() => void store.reloadFromDisk(open.file)}>
            Reload from disk
          </button>
          <button type="button" onClick={() => void store.save(open.file, true)}>
            Overwrite
          </button>
        </div>
      ) : null}
    </>
  );
}
