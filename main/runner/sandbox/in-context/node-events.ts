/** In-context source: the `events` module, the events package's EventEmitter (bundled, node-libs.ts). */

/** Shares k.EventEmitter. */
export const EVENTS_SOURCE = String.raw`function installEvents(k) {
  k.EventEmitter = k.nodeLibs.events;
}`;
