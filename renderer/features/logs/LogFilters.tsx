import { memo } from 'react';
import type { LogLevel } from '../../../common/types';
import { LEVELS, NO_FILTERS, type FilterProblems, type FilterValues } from './logFilters';

type TextField = Exclude<keyof FilterValues, 'levels' | 'text' | 'platform'>;

/** Field, placeholder and the core's length limit for each text box. */
const FIELDS: { key: TextField; label: string; placeholder: string; maxLength: number }[] = [
  { key: 'functionKey', label: 'Function', placeholder: 'function key', maxLength: 255 },
  { key: 'moduleKey', label: 'Module', placeholder: 'module key', maxLength: 255 },
  { key: 'installation', label: 'Installation', placeholder: 'installation', maxLength: 40 },
  { key: 'invocationId', label: 'Invocation', placeholder: 'invocation id', maxLength: 64 },
  { key: 'since', label: 'Since', placeholder: 'since: 15m, 2h, 3d, a date', maxLength: 40 },
  { key: 'until', label: 'Until', placeholder: 'until: 15m, a date', maxLength: 40 },
];

/** Level, text, key and time filters; the pane debounces them before querying. */
export const LogFilters = memo(function LogFilters({ values, problems, onChange }: { values: FilterValues; problems: FilterProblems; onChange: (values: FilterValues) => void }) {
  const set = (patch: Partial<FilterValues>) => onChange({ ...values, ...patch });
  const toggle = (level: LogLevel, on: boolean) => set({ levels: LEVELS.filter((candidate) => (candidate === level ? on : values.levels.includes(candidate))) });
  const messages = [problems.levels, problems.since, problems.until].filter(Boolean);
  return (
    <div className="log-filters">
      <input type="search" className="log-search" aria-label="Search logs" placeholder="Search messages" maxLength={500} value={values.text} onChange={(event) => set({ text: event.target.value })} />
      <span className="log-levels">
        {LEVELS.map((level) => (
          <label key={level} className={`level-${level}`}>
            <input type="checkbox" checked={values.levels.includes(level)} onChange={(event) => toggle(level, event.target.checked)} />
            {level}
          </label>
        ))}
      </span>
      {FIELDS.map((field) => (
        <input
          key={field.key}
          className={field.key === 'since' || field.key === 'until' ? 'log-time-input' : undefined}
          aria-label={field.label}
          aria-invalid={field.key in problems}
          placeholder={field.placeholder}
          maxLength={field.maxLength}
          spellCheck={false}
          value={values[field.key]}
          onChange={(event) => set({ [field.key]: event.target.value })}
        />
      ))}
      <select
        aria-label="Platform log limits"
        title="The platform keeps 100 log lines per runtime minute and 200 KB per invocation"
        value={values.platform}
        onChange={(event) => set({ platform: event.target.value as FilterValues['platform'] })}
      >
        <option value="">All lines</option>
        <option value="kept">Lines the platform keeps</option>
        <option value="dropped">Lines the platform would drop</option>
      </select>
      <button type="button" className="link" onClick={() => onChange(NO_FILTERS)}>
        Clear filters
      </button>
      {messages.length > 0 ? (
        <p className="error" role="alert">
          {messages.join(' ')}
        </p>
      ) : null}
    </div>
  );
});
