import { describe, expect, it, vi } from 'vitest';
import type { GatewayStatus } from '../../src/main/shell/status.ts';
import type { TrayItem } from '../../src/main/shell/tray-menu.ts';
import { onAllWindowsClosed, toTemplate, trayMenu, trayTooltip } from '../../src/main/shell/tray-menu.ts';

const serving: GatewayStatus = { url: 'http://127.0.0.1:8787', paused: false, requestsToday: 42,
  orgs: [{ id: 'org_1', name: 'My organization', requestsToday: 42, creditsLeft: 12.3456 }] };
const opts = { keepServingOnClose: true, openAtLogin: false };
const labels = (items: TrayItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('tray menu', () => {
  it('shows address, requests today and credits left, then the actions', () => {
    expect(labels(trayMenu(serving, opts))).toEqual([
      'Gateway serving on http://127.0.0.1:8787', 'Requests today: 42', 'Credits left: 12.35', '---',
      'Open Tollgate', 'Copy gateway URL', 'Pause gateway', '---',
      'Keep serving when the window is closed', 'Start at login', '---', 'Quit Tollgate',
    ]);
    expect(trayMenu(serving, opts).filter((i) => i.type === 'checkbox')).toEqual([
      expect.objectContaining({ action: 'toggle-keep-serving', checked: true }), expect.objectContaining({ action: 'toggle-login', checked: false }),
    ]);
  });

  it('offers resume while paused and says agents get 503', () => {
    const items = trayMenu({ ...serving, paused: true }, opts);
    expect(labels(items)).toContain('Gateway paused: http://127.0.0.1:8787 answers 503');
    expect(items).toContainEqual({ type: 'action', label: 'Resume gateway', action: 'resume' });
    expect(labels(items)).not.toContain('Pause gateway');
  });

  it('greys out what needs an address when the gateway could not listen', () => {
    const items = trayMenu({ ...serving, url: null }, opts);
    expect(labels(items)[0]).toBe('Gateway not listening (port in use?)');
    expect(items.filter((i) => i.type === 'action' && (i.action === 'pause' || i.action === 'copy-url')).map((i) => 'enabled' in i && i.enabled))
      .toEqual([false, false]);
  });

  it('lists credits per org when there are several, and has no login item where the OS has none', () => {
    const two: GatewayStatus = { ...serving, orgs: [...serving.orgs, { id: 'org_2', name: 'Lab', requestsToday: 0, creditsLeft: 0 }] };
    const l = labels(trayMenu(two, { keepServingOnClose: false, openAtLogin: null }));
    expect(l).toEqual(expect.arrayContaining(['My organization: 12.35 credits left', 'Lab: 0.00 credits left']));
    expect(l).not.toContain('Start at login');
    expect(trayTooltip(serving)).toBe('Tollgate\nGateway serving on http://127.0.0.1:8787\n42 requests today\n12.35 credits left');
  });

  it('becomes an Electron template whose clicks run the actions; facts are not clickable', () => {
    const run = vi.fn();
    const template = toTemplate(trayMenu(serving, opts), run);
    expect(template[0]).toEqual({ label: 'Gateway serving on http://127.0.0.1:8787', enabled: false });
    expect(template[3]).toEqual({ type: 'separator' });
    const click = (label: string) => (template.find((t) => t.label === label)!.click as () => void)();
    click('Pause gateway');
    click('Start at login');
    click('Quit Tollgate');
    expect(run.mock.calls).toEqual([['pause'], ['toggle-login'], ['quit']]);
    expect(template.find((t) => t.label === 'Start at login')).toMatchObject({ type: 'checkbox', checked: false });
  });

  it('keeps serving after the last window closes only when set and there is a way back', () => {
    expect(onAllWindowsClosed({ keepServingOnClose: true, platform: 'linux', hasTray: true })).toBe('keep-serving');
    expect(onAllWindowsClosed({ keepServingOnClose: true, platform: 'win32', hasTray: false })).toBe('quit');
    expect(onAllWindowsClosed({ keepServingOnClose: true, platform: 'darwin', hasTray: false })).toBe('keep-serving');
    expect(onAllWindowsClosed({ keepServingOnClose: false, platform: 'darwin', hasTray: true })).toBe('quit');
  });
});
