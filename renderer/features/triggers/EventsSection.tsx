import { useEffect, useMemo, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { EventDelivery, TriggersView } from '../../../common/types';
import { useCommands } from '../../ui/commands';

/** Product events: pick one the app subscribes to, start from a realistic payload, edit, fire. */
export function EventsSection({ bridge, view }: { bridge: AnvilBridge; view: TriggersView }) {
  const eventTypes = useMemo(() => [...new Set(view.subscriptions.map((subscription) => subscription.eventType))], [view.subscriptions]);
  const [eventType, setEventType] = useState(eventTypes[0] ?? '');
  const [payload, setPayload] = useState('');
  const [deliveries, setDeliveries] = useState<EventDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!eventType && eventTypes[0]) setEventType(eventTypes[0]);
  }, [eventType, eventTypes]);
  useEffect(() => {
    if (!eventType) return;
    void bridge.getEventTemplate({ environment: view.environment, eventType }).then(
      (template) => setPayload(JSON.stringify(template.payload, null, 2)),
      (failure: Error) => setError(failure.message),
    );
  }, [bridge, view.environment, eventType]);

  const fire = async () => {
    setError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch (failure) {
      setError(`The event payload is not JSON: ${(failure as Error).message}`);
      return;
    }
    try {
      setDeliveries(await bridge.fireProductEvent({ environment: view.environment, eventType, payload: parsed }));
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  useCommands(eventType ? [{ id: 'fire-event', category: 'Triggers', title: `Fire ${eventType} (the payload in the Triggers pane)`, pane: 'triggers', run: () => void fire() }] : []);
  return (
    <section aria-label="Product events">
      <h3>Product events</h3>
      {eventTypes.length === 0 ? (
        <p className="muted">The manifest has no trigger modules.</p>
      ) : (
        <>
          <label>
            Event
            <select aria-label="Event type" value={eventType} onChange={(event) => setEventType(event.target.value)}>
              {eventTypes.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </select>
          </label>
          <textarea aria-label="Event payload" className="event-payload" value={payload} onChange={(event) => setPayload(event.target.value)} rows={8} spellCheck={false} />
          <button type="button" onClick={() => void fire()}>
            Fire event
          </button>
        </>
      )}
      {deliveries ? (
        <ul aria-label="Deliveries" className="run-calls">
          {deliveries.map((delivery) => (
            <DeliveryRow key={delivery.moduleKey} delivery={delivery} />
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** Reached but not handled (the function threw, timed out, crashed) is a failure with its error, never "delivered". */
function DeliveryRow({ delivery }: { delivery: EventDelivery }) {
  const took = delivery.outcome ? ` · ${delivery.outcome.status} in ${delivery.outcome.durationMs} ms` : '';
  if (delivery.error !== null) {
    return (
      <li className="refused">
        <strong>failed</strong> at {delivery.moduleKey}
        {took}
        <pre className="delivery-error">{delivery.error}</pre>
      </li>
    );
  }
  return (
    <li className={delivery.delivered ? 'allowed' : 'refused'}>
      <strong>{delivery.delivered ? 'delivered' : 'not delivered'}</strong> to {delivery.moduleKey}: {delivery.reason}
      {took}
    </li>
  );
}
