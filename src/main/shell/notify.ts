// Native notifications for budget and balance alerts. No runtime electron import: main.ts passes a function that
// shows one (Electron's Notification), tests pass a fake.
import type { AlertMonitor } from '../core/alerts/monitor.ts';
import type { Alert } from '../core/alerts/types.ts';

export interface ShownNotification {
  title: string;
  body: string;
  /** Opens the panel when the notification is clicked. */
  onClick: () => void;
}

/** Subscribes; returns the unsubscribe function. One notification per alert: the monitor already de-duplicates. */
export function notifyAlerts(alerts: Pick<AlertMonitor, 'on' | 'off'>, show: (n: ShownNotification) => void, open: () => void): () => void {
  const onAlert = (a: Alert): void => show({ title: `Tollgate: ${a.title}`, body: a.message, onClick: open });
  alerts.on('alert', onAlert);
  return () => alerts.off('alert', onAlert);
}
