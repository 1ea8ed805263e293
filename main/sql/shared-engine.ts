import path from 'node:path';
import type { EngineSource } from './forge-sql';
import { EngineUnavailableError, LocalEngine, type EngineEndpoint, type LocalEngineOptions } from './local-engine';

interface Slot {
  engine: LocalEngine | null;
  users: number;
  /** The last engine's stop, which a new start waits for (they share the data directory). */
  stopped: Promise<void>;
}

const slots = new Map<string, Slot>();

/**
 * The engine of one folder, shared by every app this process has open on it: the workbench opens the
 * next app before it closes the last, so the server keeps running instead of stopping under the new
 * app's feet, and it stops when the last user closes.
 */
export function sharedLocalEngine(options: LocalEngineOptions): EngineSource & { serverPid: () => number | null } {
  const key = path.resolve(options.folder);
  let slot = slots.get(key);
  if (!slot) {
    slot = { engine: null, users: 0, stopped: Promise.resolve() };
    slots.set(key, slot);
  }
  const mine = slot;
  mine.users += 1;
  let closed = false;
  return {
    serverPid: () => mine.engine?.serverPid ?? null,
    forget: () => mine.engine?.forget(),
    async endpoint(): Promise<EngineEndpoint> {
      if (closed) throw new EngineUnavailableError('Anvil is closing, so Forge SQL statements are no longer run.');
      await mine.stopped;
      mine.engine ??= new LocalEngine(options);
      return mine.engine.endpoint();
    },
    close(): Promise<void> {
      if (!closed) {
        closed = true;
        mine.users -= 1;
        if (mine.users === 0 && mine.engine) {
          const engine = mine.engine;
          mine.engine = null;
          mine.stopped = engine.close();
        }
      }
      return mine.stopped;
    },
  };
}
