import { useCallback, useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AppSummary, TriggersView } from '../../../common/types';
import { EventsSection } from './EventsSection';
import { QueueSection } from './QueueSection';
import { SchedulesSection } from './SchedulesSection';
import { WebTriggersSection } from './WebTriggersSection';

/** Everything that runs an app "without interaction": web triggers, schedules, product events and queues. */
export function TriggersPane({ bridge, app, environment }: { bridge: AnvilBridge; app: AppSummary; environment: string }) {
  const [view, setView] = useState<TriggersView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [activity, setActivity] = useState<string[]>([]);

  const refresh = useCallback(() => {
    void bridge.getTriggers({ environment }).then(
      (next) => {
        setView(next);
        setError(null);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [bridge, environment]);

  useEffect(() => {
    refresh();
    return bridge.subscribe('triggerActivity', (line) => {
      if (line.environment !== environment) return;
      setActivity((lines) => [...lines.slice(-49), `${line.level.toUpperCase()} ${line.moduleKey}: ${line.message}`]);
      refresh();
    });
  }, [bridge, environment, refresh, app.folder]);

  if (error)
    return (
      <div className="banner error" role="alert">
        {error}
      </div>
    );
  if (!view) return <p className="muted">Loading triggers…</p>;
  return (
    <div className="triggers-pane">
      <WebTriggersSection webTriggers={view.webTriggers} />
      <SchedulesSection bridge={bridge} view={view} onView={setView} />
      <EventsSection bridge={bridge} view={view} />
      <QueueSection view={view} />
      <section aria-label="Trigger activity" className="trigger-activity">
        <h3>Activity</h3>
        {activity.length === 0 ? <p className="muted">Deliveries, refusals and retries show here as they happen.</p> : null}
        <ol>
          {activity.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ol>
      </section>
    </div>
  );
}
