import type { EmitEvent, EventName, EventPayload } from '../../shared/api.ts';

export type EventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** Fan-out of core events to whoever listens (IPC to windows, SSE clients of the headless bridge, tests). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  readonly emit: EmitEvent = (name, payload) => {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch {
        /* a broken listener must not stop the others or the core */
      }
    }
  };

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
