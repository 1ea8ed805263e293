import { memo, useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { LevelCounts, LogQuery } from '../../../common/types';
import { clock, levelCounts } from './format';
import { LEVELS, resolveQueryTime } from './logFilters';

const BUCKETS = 30;
const WIDTH = 300;
const HEIGHT = 48;
/** Without a Since filter, the chart shows the last hour. */
const DEFAULT_SINCE = '1h';
/** Most severe at the bottom of each bar, where it is easiest to see. */
const STACK = [...LEVELS].reverse();

interface Chart {
  counts: LevelCounts;
  start: number;
  end: number;
}

/** Lines per level over the shown time range, as stacked bars (inline SVG, no library). */
export const LevelChart = memo(function LevelChart({ bridge, query, refresh }: { bridge: AnvilBridge; query: LogQuery; refresh: number }) {
  const [chart, setChart] = useState<Chart | null>(null);
  const [error, setError] = useState<string | null>(null);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    const now = Date.now();
    const since = query.since ?? DEFAULT_SINCE;
    const end = Math.min(now, resolveQueryTime(query.until, now) ?? now);
    const start = Math.min(resolveQueryTime(since, now) ?? now - 3_600_000, end - 1000);
    // The core accepts buckets from a second to a week.
    const bucketMs = Math.min(7 * 86_400_000, Math.max(1000, Math.ceil((end - start) / BUCKETS)));
    let current = true;
    void bridge.getLogLevelCounts({ ...query, since, bucketMs }).then(
      (counts) => {
        if (!current) return;
        setChart({ counts, start, end });
        setError(null);
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
    // `query` is read through queryKey: a new but equal object must not re-fetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, queryKey, refresh]);

  if (error) return <p className="muted">The chart could not be drawn: {error}</p>;
  if (!chart) return <div className="level-chart-placeholder" />;
  const bucketMs = chart.counts.bucketMs;
  const origin = Math.floor(chart.start / bucketMs) * bucketMs;
  const slots = Math.max(1, Math.ceil((chart.end - origin) / bucketMs));
  const slotWidth = WIDTH / slots;
  const totals = chart.counts.buckets.map((bucket) => STACK.reduce((sum, level) => sum + (bucket.counts[level] ?? 0), 0));
  const highest = Math.max(1, ...totals);
  const overall = Object.fromEntries(LEVELS.map((level) => [level, chart.counts.buckets.reduce((sum, bucket) => sum + (bucket.counts[level] ?? 0), 0)]));

  return (
    <figure className="level-chart">
      <svg role="img" aria-label="Lines per level over time" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none">
        {chart.counts.buckets.map((bucket, index) => {
          const slot = Math.min(slots - 1, Math.max(0, Math.floor((bucket.start - origin) / bucketMs)));
          let y = HEIGHT;
          return (
            <g key={bucket.start}>
              <title>{`${clock(bucket.start)}–${clock(bucket.start + bucketMs)}: ${levelCounts(bucket.counts) || 'no lines'}`}</title>
              {STACK.map((level) => {
                const count = bucket.counts[level] ?? 0;
                if (count === 0) return null;
                const height = (count / highest) * HEIGHT;
                y -= height;
                return <rect key={level} className={`bar-${level}`} x={slot * slotWidth + 0.5} y={y} width={Math.max(0.5, slotWidth - 1)} height={height} />;
              })}
              {totals[index] === 0 ? <rect className="bar-empty" x={slot * slotWidth} y={0} width={slotWidth} height={HEIGHT} /> : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        {clock(chart.start)} – {clock(chart.end)} · {levelCounts(overall) || 'no lines'}
      </figcaption>
    </figure>
  );
});
