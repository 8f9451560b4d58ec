import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertMonitor } from '../../src/main/core/alerts/monitor.ts';
import type { Alert, AlertEvents } from '../../src/main/core/alerts/types.ts';
import type { ShownNotification } from '../../src/main/shell/notify.ts';
import { notifyAlerts } from '../../src/main/shell/notify.ts';
import { loadPrefs, PREFS_FILE, savePrefs } from '../../src/main/shell/prefs.ts';

const alert: Alert = { kind: 'low_balance', id: 'aud_alert_1', orgId: 'org_1', createdAt: new Date(0), title: 'Credits running low',
  message: '4 credits left, below the alert threshold of 10.', balanceMicro: 4_000_000, thresholdMicro: 10_000_000 };

describe('native notifications', () => {
  it('shows one per alert, opens the panel on click, and stops when unsubscribed', () => {
    const alerts = new EventEmitter<AlertEvents>() as unknown as AlertMonitor;
    const shown: ShownNotification[] = [];
    const open = vi.fn();
    const off = notifyAlerts(alerts, (n) => shown.push(n), open);
    alerts.emit('alert', alert);
    expect(shown).toMatchObject([{ title: 'Tollgate: Credits running low', body: alert.message }]);
    shown[0]!.onClick();
    expect(open).toHaveBeenCalledOnce();
    off();
    alerts.emit('alert', alert);
    expect(shown).toHaveLength(1);
  });
});

describe('desktop preferences', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'tollgate-prefs-'));
    dirs.push(d);
    return d;
  };

  it('defaults to keep serving when the window closes, and remembers a change', () => {
    const dir = fresh();
    expect(loadPrefs(dir)).toEqual({ keepServingOnClose: true, closeHintShown: false });
    savePrefs(dir, { keepServingOnClose: false, closeHintShown: true });
    expect(loadPrefs(dir)).toEqual({ keepServingOnClose: false, closeHintShown: true });
    expect(statSync(join(dir, PREFS_FILE)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, PREFS_FILE), 'utf8'))).toEqual({ keepServingOnClose: false, closeHintShown: true });
  });

  it('falls back to the defaults on a broken or wrong file rather than refusing to start', () => {
    const dir = fresh();
    writeFileSync(join(dir, PREFS_FILE), '{ not json');
    expect(loadPrefs(dir).keepServingOnClose).toBe(true);
    writeFileSync(join(dir, PREFS_FILE), JSON.stringify({ keepServingOnClose: 'yes' }));
    expect(loadPrefs(dir).keepServingOnClose).toBe(true);
  });
});
