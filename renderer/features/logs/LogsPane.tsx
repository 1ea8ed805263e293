import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { Environment, LogLine } from '../../../common/types';
import { canFollowCloud, shownEnvironment, type LogSource } from './cloudFollow';
import { CloudFollowControl } from './CloudFollowControl';
import { CloudInvocationGroups } from './CloudInvocationGroups';
import { EnvironmentSwitch } from './EnvironmentSwitch';
import { plural } from './format';
import { InvocationGroups } from './InvocationGroups';
import { LevelChart } from './LevelChart';
import { LogDetail } from './LogDetail';
import { LogExport } from './LogExport';
import { LogRetention } from './LogRetention';
import { LogFilters } from './LogFilters';
import { hasFilters, lineMatcher, NO_FILTERS, toQuery, type FilterValues } from './logFilters';
import { LogList } from './LogList';
import { LogNotices } from './LogNotices';
import { SourceSwitch } from './SourceSwitch';
import { useCloudFollows } from './useCloudFollows';
import { useDebounced } from './useDebounced';
import { useLogFollow } from './useLogFollow';
import { useShown } from './useShown';

const DEBOUNCE_MS = 300;

/**
 * Logs of each environment of the app: stored and live, filtered, grouped by invocation, exported.
 * While following it re-renders once per animation frame, so the chart, filters and export are memoized.
 */
export function LogsPane({ bridge, environments, environment }: { bridge: AnvilBridge; environments: Environment[]; environment: Environment }) {
  const root = useRef<HTMLElement>(null);
  const shown = useShown(root);
  const [environmentKey, setEnvironmentKey] = useState(environment.key);
  const [draft, setDraft] = useState<FilterValues>(NO_FILTERS);
  const [grouped, setGrouped] = useState(false);
  const [selected, setSelected] = useState<LogLine | null>(null);
  const [source, setSource] = useState<LogSource>('local');
  const cloud = useCloudFollows(bridge);

  // The workbench's environment picker chooses the tab too.
  useEffect(() => {
    setEnvironmentKey(environment.key);
  }, [environment.key]);
  const choices = environments.some((candidate) => candidate.key === environmentKey) ? environments : [...environments, { key: environmentKey, kind: 'custom' as const }];
  const chosen = choices.find((candidate) => candidate.key === environmentKey) ?? { key: environmentKey, kind: 'custom' as const };
  const cloudOffered = canFollowCloud(chosen);
  const effectiveSource: LogSource = cloudOffered ? source : 'local';
  const shownKey = shownEnvironment(environmentKey, effectiveSource);
  useEffect(() => {
    setSelected(null);
  }, [shownKey]);

  const applied = useDebounced(draft, DEBOUNCE_MS);
  const { query } = useMemo(() => toQuery(shownKey, applied), [shownKey, applied]);
  // Problems show as the developer types, not after the debounce.
  const { problems } = useMemo(() => toQuery(shownKey, draft), [shownKey, draft]);
  const match = useMemo(() => lineMatcher(applied), [applied]);
  const follow = useLogFollow(bridge, query, match);

  const onlyInvocation = useCallback((invocationId: string) => {
    setDraft((values) => ({ ...values, invocationId }));
    setGrouped(false);
  }, []);
  const { setFollowing } = follow;
  const pause = useCallback(() => setFollowing(false), [setFollowing]);

  const shownName = effectiveSource === 'cloud' ? `${environmentKey} (cloud)` : environmentKey;
  return (
    <section className="logs-pane" aria-label="Logs" ref={root}>
      {/* Nothing while the tab is hidden: no work for a pane nobody sees (it keeps following meanwhile). */}
      {shown ? (
        <>
          <div className="log-toolbar">
            <EnvironmentSwitch environments={choices} value={environmentKey} onChange={setEnvironmentKey} />
            {cloudOffered ? <SourceSwitch value={effectiveSource} onChange={setSource} /> : null}
            <label>
              <input type="checkbox" checked={follow.following} onChange={(event) => follow.setFollowing(event.target.checked)} />
              Follow
            </label>
            <label>
              <input type="checkbox" checked={grouped} onChange={(event) => setGrouped(event.target.checked)} />
              Group by invocation
            </label>
            <button type="button" disabled={follow.nextBefore === null || follow.loadingOlder || grouped} onClick={follow.loadOlder}>
              {follow.loadingOlder ? 'Loading…' : 'Load older'}
            </button>
            <LogExport bridge={bridge} query={query} />
            <LogRetention bridge={bridge} />
          </div>
          {effectiveSource === 'cloud' ? (
            <CloudFollowControl
              environment={environmentKey}
              status={cloud.statuses[environmentKey] ?? null}
              error={cloud.errors[environmentKey] ?? null}
              onFollow={() => cloud.follow(environmentKey)}
              onStop={() => cloud.stop(environmentKey)}
            />
          ) : null}
          <LogFilters values={draft} problems={problems} onChange={setDraft} />
          {query ? <LevelChart bridge={bridge} query={query} refresh={follow.activity} /> : null}
          <LogNotices
            environment={shownName}
            withheld={follow.withheld}
            loading={follow.loading}
            error={follow.error}
            empty={follow.lines.length === 0}
            filtered={hasFilters(applied)}
            invalid={query === null}
            cloud={effectiveSource === 'cloud'}
            onRetry={follow.reload}
          />
          {grouped && query && effectiveSource === 'cloud' ? (
            <CloudInvocationGroups lines={follow.lines} environment={shownName} onOnlyInvocation={onlyInvocation} />
          ) : grouped && query ? (
            <InvocationGroups bridge={bridge} query={query} refresh={follow.activity} onOnlyInvocation={onlyInvocation} />
          ) : (
            <>
              {!follow.following ? (
                <button type="button" className="log-resume" onClick={() => follow.setFollowing(true)}>
                  {follow.newCount > 0 ? `${plural(follow.newCount, 'new line')} — resume` : 'Paused — resume following'}
                </button>
              ) : null}
              <LogList lines={follow.lines} following={follow.following} selectedId={selected?.id ?? null} onSelect={setSelected} onPause={pause} />
              {selected ? <LogDetail line={selected} onClose={() => setSelected(null)} onOnlyInvocation={onlyInvocation} /> : null}
            </>
          )}
        </>
      ) : null}
    </section>
  );
}
