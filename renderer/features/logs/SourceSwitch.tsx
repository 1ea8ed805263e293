import type { LogSource } from './cloudFollow';

const SOURCES: { value: LogSource; label: string }[] = [
  { value: 'local', label: 'Local runner' },
  { value: 'cloud', label: 'Cloud' },
];

/** Lines from Anvil's own runner, or from the app's real environment on the Forge platform. */
export function SourceSwitch({ value, onChange }: { value: LogSource; onChange: (source: LogSource) => void }) {
  return (
    <div role="radiogroup" aria-label="Lines from" className="log-environments">
      {SOURCES.map((source) => (
        <label key={source.value} className={source.value === value ? 'selected' : undefined}>
          <input type="radio" name="log-source" value={source.value} checked={source.value === value} onChange={() => onChange(source.value)} />
          {source.label}
        </label>
      ))}
    </div>
  );
}
