import { Notification } from 'electron';
import type { NotifyEvent } from '../../shared/notifications.ts';

/** Shows the core's `notify` events as OS notifications; clicking one opens the window. */
export function showSystemNotification(event: NotifyEvent, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: event.title, body: event.body, silent: event.kind === 'inbound' ? false : undefined });
  n.on('click', onClick);
  n.show();
}
