import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findEngineBinaries, installHint, LocalEngine, type EngineSource } from '../sql';

/**
 * The real SQL engine for a test file: started once in its own temporary data folder, shared by
 * the file's tests (each test's ForgeSql closes only its connections), stopped and removed by
 * `stop`. On a machine without the engine the tests are skipped, except under CI, where they must
 * fail with the install hint rather than pass by not running.
 */
export function testSqlEngine(): { available: boolean; source: () => EngineSource; engine: () => LocalEngine; stop: () => Promise<void> } {
  const binaries = findEngineBinaries();
  if (!binaries && process.env.CI) throw new Error(`The Forge SQL tests need a SQL engine and this CI machine has none. ${installHint()}`);
  let engine: LocalEngine | null = null;
  let folder: string | null = null;
  const started = (): LocalEngine => {
    // Short: the engine's socket goes inside, and socket paths are limited to about 100 bytes.
    folder ??= mkdtempSync(path.join(os.tmpdir(), 'anvil-sql-'));
    engine ??= new LocalEngine({ folder, binaries });
    return engine;
  };
  return {
    available: binaries !== null,
    engine: started,
    source: () => ({ endpoint: () => started().endpoint(), close: () => Promise.resolve() }),
    stop: async () => {
      await engine?.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
