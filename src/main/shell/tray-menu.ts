// The tray / menu-bar menu as plain data: a pure function of the gateway's status and the desktop settings, so it is
// tested without Electron. tray.ts turns it into an Electron Menu and maps each action to what it does.
import type { MenuItemConstructorOptions } from 'electron';
import type { GatewayStatus } from './status.ts';

export type TrayAction = 'open' | 'copy-url' | 'pause' | 'resume' | 'toggle-keep-serving' | 'toggle-login' | 'quit';

export type TrayItem =
  | { type: 'separator' }
  | { type: 'info'; label: string }
  | { type: 'action'; label: string; action: TrayAction; enabled?: boolean }
  | { type: 'checkbox'; label: string; action: TrayAction; checked: boolean };

export interface TrayOptions {
  keepServingOnClose: boolean;
  /** null where the OS has no login items Electron can set (Linux). */
  openAtLogin: boolean | null;
}

const fmt = (credits: number): string => credits.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function gatewayLine(s: Pick<GatewayStatus, 'url' | 'paused'>): string {
  if (!s.url) return 'Gateway not listening (port in use?)';
  return s.paused ? `Gateway paused: ${s.url} answers 503` : `Gateway serving on ${s.url}`;
}

export function trayMenu(s: GatewayStatus, o: TrayOptions): TrayItem[] {
  const items: TrayItem[] = [{ type: 'info', label: gatewayLine(s) }, { type: 'info', label: `Requests today: ${s.requestsToday}` }];
  if (s.orgs.length === 1) items.push({ type: 'info', label: `Credits left: ${fmt(s.orgs[0]!.creditsLeft)}` });
  else for (const org of s.orgs) items.push({ type: 'info', label: `${org.name}: ${fmt(org.creditsLeft)} credits left` });
  items.push(
    { type: 'separator' },
    { type: 'action', label: 'Open Tollgate', action: 'open' },
    { type: 'action', label: 'Copy gateway URL', action: 'copy-url', enabled: s.url !== null },
    s.paused
      ? { type: 'action', label: 'Resume gateway', action: 'resume' }
      : { type: 'action', label: 'Pause gateway', action: 'pause', enabled: s.url !== null },
    { type: 'separator' },
    { type: 'checkbox', label: 'Keep serving when the window is closed', action: 'toggle-keep-serving', checked: o.keepServingOnClose },
  );
  if (o.openAtLogin !== null) items.push({ type: 'checkbox', label: 'Start at login', action: 'toggle-login', checked: o.openAtLogin });
  items.push({ type: 'separator' }, { type: 'action', label: 'Quit Tollgate', action: 'quit' });
  return items;
}

/** The tray icon's hover text: short, one line per fact. */
export function trayTooltip(s: GatewayStatus): string {
  const credits = s.orgs.length === 1 ? [`${fmt(s.orgs[0]!.creditsLeft)} credits left`] : [];
  return ['Tollgate', gatewayLine(s), `${s.requestsToday} requests today`, ...credits].join('\n');
}

/** What closing the last window does: keep the gateway serving in the tray, or quit. */
export function onAllWindowsClosed(o: { keepServingOnClose: boolean; platform: NodeJS.Platform; hasTray: boolean }): 'keep-serving' | 'quit' {
  if (!o.keepServingOnClose) return 'quit';
  // Only with somewhere to come back from: the tray, or the Dock on macOS. (Launching again reopens the window too.)
  return o.hasTray || o.platform === 'darwin' ? 'keep-serving' : 'quit';
}

/** Electron's menu template for the items; `run` performs an action. Type-only use of electron: still pure. */
export function toTemplate(items: TrayItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'info':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, enabled: item.enabled ?? true, click: () => run(item.action) };
      case 'checkbox':
        return { label: item.label, type: 'checkbox', checked: item.checked, click: () => run(item.action) };
    }
  });
}
