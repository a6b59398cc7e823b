import type { EmitEvent } from '../../../shared/api.ts';
import type { NotifyEvent, NotifyKind } from '../../../shared/notifications.ts';
import type { Settings } from '../../../shared/settings.ts';
import type { Clock } from '../ports.ts';

export interface NotifierDeps {
  emit: EmitEvent;
  clock: Clock;
  settings: () => Settings;
  /** Every notice goes to the log, shown or not. */
  log?: (event: NotifyEvent, shown: boolean) => void;
}

export type Notify = (kind: NotifyKind, title: string, body: string) => NotifyEvent | null;

/**
 * The one way any area raises a system notification: `notify('port-down', title, body)`. It emits the
 * `notify` event (the desktop shell turns it into an OS notification) unless the user turned that kind
 * off in Settings, and returns what it emitted (null when turned off).
 */
export function createNotifier(deps: NotifierDeps): Notify {
  return (kind, title, body) => {
    const event: NotifyEvent = { kind, title, body, at: deps.clock.now() };
    const shown = deps.settings().notifications[kind] !== false;
    deps.log?.(event, shown);
    if (!shown) return null;
    deps.emit('notify', event);
    return event;
  };
}
