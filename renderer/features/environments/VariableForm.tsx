import { useState, type FormEvent } from 'react';

/** Key, value and "Secret": a secret's value is typed here once and never shown again. */
export function VariableForm({ busy, onSet }: { busy: boolean; onSet: (key: string, value: string, secret: boolean) => Promise<boolean> }) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [secret, setSecret] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Cleared once the core has it, so a secret does not stay in the page.
    if (await onSet(key.trim(), value, secret)) {
      setKey('');
      setValue('');
    }
  };

  return (
    <form className="variable-form" onSubmit={(event) => void submit(event)}>
      <input aria-label="Variable name" placeholder="NAME" value={key} onChange={(event) => setKey(event.target.value)} spellCheck={false} />
      <input
        aria-label="Variable value"
        placeholder={secret ? 'secret value (kept in the keychain)' : 'value'}
        type={secret ? 'password' : 'text'}
        autoComplete="off"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        spellCheck={false}
      />
      <label>
        <input type="checkbox" checked={secret} onChange={(event) => setSecret(event.target.checked)} />
        Secret
      </label>
      <button type="submit" disabled={busy || key.trim() === ''}>
        Set variable
      </button>
    </form>
  );
}
