import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * What an invocation's memory limit (`memoryMB`) is held against: the JavaScript heap and the
 * memory outside it (ArrayBuffers, Buffers, typed arrays). `--max-old-space-size` caps only the
 * heap, so six 256 MB Uint8Arrays would pass it untouched.
 */
export function memoryInUse(): number {
  const heap = v8.getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

let collect: (() => void) | null = null;

/**
 * Takes V8's garbage collector for the runner's own use, once, before any app context exists:
 * the flag is on only while one private context is made, so no context of app code has `gc`.
 * Without it (in-process tests), garbage of earlier invocations may count until V8 collects it.
 */
export function enableReclaim(): void {
  if (collect) return;
  v8.setFlagsFromString('--expose-gc');
  try {
    const gc: unknown = vm.runInNewContext('gc');
    if (typeof gc === 'function') collect = gc as () => void;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

/** Memory in use once garbage is collected (when the collector was taken), so only live memory counts against the limit. */
export function liveMemory(): number {
  collect?.();
  return memoryInUse();
}
