import { useEffect, useState, type FormEvent } from 'react';
import type { AnvilBridge } from '../../common/api';
import type { AppFolderCheck } from '../../common/types';
import { Modal } from './Modal';

/**
 * Where the shell has no native folder picker (the web shell): type a path, or pick a recent app.
 * `confirmLeave` asks about unsaved edits first; when it answers false nothing is opened.
 */
export function OpenAppDialog({ bridge, onClose, confirmLeave }: { bridge: AnvilBridge; onClose: () => void; confirmLeave: () => Promise<boolean> }) {
  const [folder, setFolder] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const check = useFolderCheck(bridge, folder.trim());

  useEffect(() => {
    void bridge.listRecentApps().then(setRecent);
  }, [bridge]);

  const open = async (path: string) => {
    setError(null);
    if (!(await confirmLeave())) return;
    try {
      await bridge.openApp({ folder: path });
      onClose();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(folder.trim());
  };

  return (
    <Modal label="Open app folder" onClose={onClose}>
      <form className="dialog-form" onSubmit={submit}>
        <h2>Open app folder</h2>
        <label>
          Folder of a Forge app (the one holding manifest.yml)
          <input
            autoFocus
            value={folder}
            onChange={(event) => {
              setFolder(event.target.value);
              setError(null);
            }}
            placeholder="~/my-forge-app, or a folder beside the open app"
          />
        </label>
        {check ? (
          <p className="resolved-folder" role="status">
            Opens <code data-testid="resolved-folder">{check.folder}</code>
            {check.problem && !error ? <span className="muted"> · {check.problem}</span> : null}
          </p>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {recent.length > 0 ? (
          <ul className="recent-apps" aria-label="Recent apps">
            {recent.map((entry) => (
              <li key={entry}>
                <button type="button" onClick={() => void open(entry)}>
                  {entry}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={folder.trim() === ''}>
            Open
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Time after the last keystroke before the core is asked where the typed folder leads. */
const CHECK_DELAY_MS = 150;

// Where the typed folder leads, as the core resolves it (`~`, beside the open app); null while empty.
function useFolderCheck(bridge: AnvilBridge, folder: string): AppFolderCheck | null {
  const [check, setCheck] = useState<AppFolderCheck | null>(null);
  useEffect(() => {
    if (folder === '') {
      setCheck(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      bridge.checkAppFolder({ folder }).then(
        (answer) => current && setCheck(answer),
        (failure: Error) => current && setCheck({ folder, problem: failure.message }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [bridge, folder]);
  return check;
}
