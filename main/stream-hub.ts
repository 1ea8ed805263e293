import type { AnvilStreams, StreamName } from '../common/api';

/** Any stream event, as the bindings forward it. */
export type StreamEvent = { [S in StreamName]: { stream: S; payload: AnvilStreams[S] } }[StreamName];

/** Fan-out of stream events from the core to every connected binding (window or socket). */
export class StreamHub {
  private readonly listeners = new Set<(event: StreamEvent) => void>();

  publish<S extends StreamName>(stream: S, payload: AnvilStreams[S]): void {
    const event = { stream, payload } as StreamEvent;
    for (const listener of this.listeners) listener(event);
  }

  /** Follow every stream; returns the function that stops following. */
  follow(listener: (event: StreamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
