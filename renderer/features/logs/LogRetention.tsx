import { memo, useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';

/** How long lines are kept (a workbench setting; the developer console keeps 30 days). */
export const LogRetention = memo(function LogRetention({ bridge }: { bridge: AnvilBridge }) {
  const [days, setDays] = useState<string>('');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void bridge.getLogRetention().then(
      (setting) => setDays(String(setting.days)),
      (failure: Error) => setMessage(failure.message),
    );
  }, [bridge]);

  const save = async () => {
    const value = Number(days);
    if (!Number.isInteger(value) || value < 1 || value > 365) {
      setMessage('Keep logs for 1 to 365 days.');
      return;
    }
    try {
      await bridge.setLogRetention({ days: value });
      setMessage(`Lines older than ${value} days are deleted.`);
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };

  return (
    <span className="log-retention">
      <label>
        Keep logs for
        <input aria-label="Days to keep logs" type="number" min={1} max={365} value={days} onChange={(event) => setDays(event.target.value)} onBlur={() => void save()} />
        days
      </label>
      {message ? <span className="muted">{message}</span> : null}
    </span>
  );
});
