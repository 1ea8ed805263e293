import { useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { RunResult, TriggersView } from '../../../common/types';
import { useCommands } from '../../ui/commands';

const FAST_FORWARD = 3600;

function when(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  if (seconds <= 0) return 'due now';
  if (seconds < 120) return `in ${seconds} s`;
  if (seconds < 7200) return `in ${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `in ${Math.round(seconds / 3600)} h`;
  return `in ${Math.round(seconds / 86_400)} days`;
}

/** Scheduled triggers: interval, next run, run now, pause, and a compressed clock for testing. */
export function SchedulesSection({ bridge, view, onView }: { bridge: AnvilBridge; view: TriggersView; onView: (view: TriggersView) => void }) {
  const [last, setLast] = useState<RunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const runNow = (installation: string, moduleKey: string) => act(async () => setLast(await bridge.runScheduledTrigger({ environment: view.environment, installation, moduleKey })));
  useCommands(
    view.schedules.map(({ installation, moduleKey }) => ({
      id: `schedule-${installation}-${moduleKey}`,
      category: 'Triggers',
      title: `Run scheduled trigger ${moduleKey} now (${installation})`,
      pane: 'triggers',
      run: () => void runNow(installation, moduleKey),
    })),
  );
  return (
    <section aria-label="Scheduled triggers">
      <h3>Scheduled triggers</h3>
      <label className="fast-forward">
        <input
          type="checkbox"
          checked={view.clockSpeed > 1}
          onChange={(event) => void act(async () => onView(await bridge.setTriggerClock({ environment: view.environment, speed: event.target.checked ? FAST_FORWARD : 1 })))}
        />
        Fast-forward (an hour of schedule per second)
      </label>
      {view.schedules.length === 0 ? <p className="muted">The manifest has no scheduledTrigger modules.</p> : null}
      <ul className="trigger-list">
        {view.schedules.map((schedule) => (
          <li key={`${schedule.installation}|${schedule.moduleKey}`}>
            <strong>{schedule.moduleKey}</strong>{' '}
            <span className="muted">
              every {schedule.interval} · {schedule.installation}
            </span>{' '}
            <span>{schedule.paused ? 'paused' : `next run ${when(schedule.nextRunAt, view.clockNow)}`}</span>
            {schedule.lastRun ? (
              <span className="muted">
                {' '}
                · last: {schedule.lastRun.recordedStatus} ({schedule.lastRun.note})
              </span>
            ) : null}
            {schedule.skippedRuns > 0 ? (
              <span className="muted" title="Turns that came while a run was still going, or that fast-forward passed, are counted, not run late.">
                {' '}
                · {schedule.skippedRuns} skipped
              </span>
            ) : null}{' '}
            <button type="button" onClick={() => void runNow(schedule.installation, schedule.moduleKey)}>
              Run now
            </button>
            <button
              type="button"
              onClick={() =>
                void act(async () =>
                  onView(await bridge.pauseScheduledTrigger({ environment: view.environment, installation: schedule.installation, moduleKey: schedule.moduleKey, paused: !schedule.paused })),
                )
              }
            >
              {schedule.paused ? 'Resume' : 'Pause'}
            </button>
          </li>
        ))}
      </ul>
      {last ? (
        <p aria-label="Scheduled run">
          <span className={`run-status status-${last.status}`}>{last.status}</span> {last.functionKey} in {last.durationMs} ms {last.error ? <span className="error">{last.error}</span> : null}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
