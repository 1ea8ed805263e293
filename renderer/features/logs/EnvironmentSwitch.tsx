import type { Environment } from '../../../common/types';

/**
 * One segment per environment of the app. Deliberately not labelled "Environment": the header's
 * picker has that name, and tests find it by label.
 */
export function EnvironmentSwitch({ environments, value, onChange }: { environments: Environment[]; value: string; onChange: (key: string) => void }) {
  return (
    <div role="radiogroup" aria-label="Show logs of" className="log-environments">
      {environments.map((environment) => (
        <label key={environment.key} className={environment.key === value ? 'selected' : undefined}>
          <input type="radio" name="log-environment" value={environment.key} checked={environment.key === value} onChange={() => onChange(environment.key)} />
          {environment.key}
        </label>
      ))}
    </div>
  );
}
