import { useState } from 'react';
import type { AnvilBridge } from '../../../common/api';

/**
 * Ends the invocation the pane is running, at once (an endless loop would otherwise run to its time
 * limit); the pane then shows it as stopped by the developer.
 */
export function StopButton({ bridge, onFailure }: { bridge: AnvilBridge; onFailure: (message: string) => void }) {
  const [stopping, setStopping] = useState(false);
  const stop = async () => {
    setStopping(true);
    try {
      await bridge.stopFunction();
    } catch (failure) {
      onFailure((failure as Error).message);
      setStopping(false);
    }
  };
  return (
    <button type="button" className="danger" onClick={() => void stop()} disabled={stopping}>
      {stopping ? 'Stopping…' : 'Stop'}
    </button>
  );
}
