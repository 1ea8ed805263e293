import { useState } from 'react';
import { Modal } from './Modal';

interface Props {
  /** The file with unsaved edits, as the developer knows it. */
  file: string;
  /** All the files with unsaved edits, when there are several. */
  files?: string[];
  /** What happens next if the developer goes on, in a few words ("opening another app"). */
  action: string;
  /** Saves the edits; false when the save did not happen (the editor says why). */
  onSave: () => Promise<boolean>;
  onDiscard: () => void;
  onCancel: () => void;
}

/** Asks before unsaved edits would be thrown away: Save, Discard or Cancel. Escape cancels. */
export function UnsavedChangesDialog({ file, files, action, onSave, onDiscard, onCancel }: Props) {
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const several = files !== undefined && files.length > 1;
  const names = several ? `${files.slice(0, -1).join(', ')} and ${files[files.length - 1]}` : file;

  const save = async () => {
    setSaving(true);
    setFailed(false);
    const saved = await onSave();
    setSaving(false);
    if (!saved) setFailed(true);
  };

  return (
    <Modal role="alertdialog" labelledBy="unsaved-title" describedBy="unsaved-text" onClose={onCancel}>
      <h2 id="unsaved-title">Unsaved changes</h2>
      <p id="unsaved-text">
        {names} {several ? 'have' : 'has'} edits that are not saved. Save them before {action}?
      </p>
      {failed ? (
        <p className="error" role="alert">
          {several ? 'Not everything was saved' : `${file} was not saved`}; the message beside its Save button says why. Fix that, or discard the edits.
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onDiscard}>
          Discard
        </button>
        <button type="button" onClick={() => void save()} disabled={saving} data-initial-focus>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Modal>
  );
}
