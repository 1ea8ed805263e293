import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AnvilBridge } from '../../../common/api';
import { useOpenSource } from '../../ui/openSource';
import { useNewestAnswer } from '../../ui/useNewestAnswer';
import { codeIntelCalls, type AppSearchMatch } from './calls';
import { groupByFile, movedIndex, previewParts, resultSummary } from './searchResults';
import './search.css';

// Searching as the developer types: long enough to skip the letters of a word, short enough to feel live.
const SEARCH_DELAY_MS = 250;

interface Toggle {
  key: 'caseSensitive' | 'wholeWord' | 'regex';
  label: string;
  glyph: string;
}
const TOGGLES: Toggle[] = [
  { key: 'caseSensitive', label: 'Match case', glyph: 'Aa' },
  { key: 'wholeWord', label: 'Match whole word', glyph: 'ab' },
  { key: 'regex', label: 'Use regular expression', glyph: '.*' },
];

/** The sidebar's Search view: text across the app's files, results by file, each opening at its line. */
export function SearchView({ bridge }: { bridge: AnvilBridge }) {
  const openSource = useOpenSource();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState({ caseSensitive: false, wholeWord: false, regex: false });
  const list = useRef<HTMLDivElement>(null);
  // One Tab stop for the whole list (the match last moved to); the arrows move within it.
  const [current, setCurrent] = useState(0);
  const calls = useMemo(() => codeIntelCalls(bridge), [bridge]);

  const ask = useMemo(() => (query === '' ? null : () => calls.searchAppFiles({ query, ...options })), [calls, query, options]);
  const { answer, error } = useNewestAnswer(ask, SEARCH_DELAY_MS);
  // An answer to a query since cleared is not shown.
  const result = query === '' ? null : answer;
  const groups = useMemo(() => groupByFile(result?.matches ?? []), [result]);
  const ordered = useMemo(() => groups.flatMap((group) => group.matches), [groups]);

  const matchButtons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button.search-match') ?? [])];
  const focusMatch = (index: number) => matchButtons()[index]?.focus();

  const onQueryKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // From the box into the results: Enter or the down arrow.
    if ((event.key === 'Enter' || event.key === 'ArrowDown') && ordered.length > 0) {
      event.preventDefault();
      focusMatch(0);
    }
  };
  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = matchButtons();
    const index = buttons.findIndex((button) => button === document.activeElement);
    if (index === -1) return;
    const next = movedIndex(event.key, index, buttons.length);
    if (next === null) return;
    event.preventDefault();
    buttons[next]?.focus();
  };
  const open = (match: AppSearchMatch) => openSource?.(match.file, match.line);

  return (
    <div className="search-view">
      <div className="search-box">
        <input
          type="search"
          className="search-query"
          aria-label="Search the app's files"
          placeholder="Search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onQueryKeyDown}
          spellCheck={false}
          data-focus-first
        />
        <div className="search-toggles" role="group" aria-label="Search options">
          {TOGGLES.map((toggle) => (
            <button
              key={toggle.key}
              type="button"
              className="search-toggle"
              title={toggle.label}
              aria-pressed={options[toggle.key]}
              onClick={() => setOptions((current) => ({ ...current, [toggle.key]: !current[toggle.key] }))}
            >
              <span aria-hidden="true">{toggle.glyph}</span>
            </button>
          ))}
        </div>
      </div>
      {error && query !== '' ? (
        <p className="search-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="search-summary" role="status">
        {result ? resultSummary(result.matches.length, groups.length, result.truncated) : ''}
      </p>
      {/* Arrows move between the matches; Enter or a click opens one where it is. */}
      <div className="search-results" ref={list} onKeyDown={onListKeyDown} aria-label="Search results" role="group">
        {groups.map((group) => (
          <section key={group.file} className="search-file" aria-label={`${group.file}, ${group.matches.length} result${group.matches.length === 1 ? '' : 's'}`}>
            <h3 className="search-file-name" title={group.file}>
              <span className="search-file-path">{group.file}</span>
              <span className="search-count" aria-hidden="true">
                {group.matches.length}
              </span>
            </h3>
            <ul>
              {group.matches.map((match) => {
                const parts = previewParts(match);
                const index = ordered.indexOf(match);
                return (
                  <li key={`${match.line}:${match.column}`}>
                    <button
                      type="button"
                      className="search-match"
                      tabIndex={index === Math.min(current, ordered.length - 1) ? 0 : -1}
                      onFocus={() => setCurrent(index)}
                      onClick={() => open(match)}
                      title={`${group.file} line ${match.line}`}
                    >
                      <span className="search-line" aria-hidden="true">
                        {match.line}
                      </span>
                      <span className="search-preview">
                        {parts.before}
                        <mark>{parts.match}</mark>
                        {parts.after}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
