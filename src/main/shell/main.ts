// The Electron main process: a thin host for the core. It owns the app lifecycle, the window, the tray, the IPC
// bridge, notifications and the OS keychain; everything else (database, gateway, API, alerts) is the same core that
// `serve` runs headless. Decisions live in plain modules beside this one (tray-menu, paths, prefs, status, notify).
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, clipboard, dialog, ipcMain, Notification, safeStorage } from 'electron';
import { appRouter } from '../core/api/root.ts';
import type { Tollgate } from '../core/app.ts';
import { createTollgate } from '../core/app.ts';
import { GatewayPause } from '../core/gateway-pause.ts';
import { createLogger } from '../core/lib/logger.ts';
import { defaultDataDir } from '../core/lib/paths.ts';
import { rotateStoredKey } from '../core/services/rekey.ts';
import { handleTrpcIpc } from './ipc.ts';
import { ipcContextFactory } from './ipc-context.ts';
import { desktopKeyForRotation, loadDesktopMasterKey } from './master-key.ts';
import { notifyAlerts } from './notify.ts';
import { parseShellOptions } from './options.ts';
import { desktopPaths } from './paths.ts';
import type { DesktopPrefs } from './prefs.ts';
import { loadPrefs, savePrefs } from './prefs.ts';
import { readStatus } from './status.ts';
import type { TrayHandle } from './tray.ts';
import { createTray } from './tray.ts';
import type { TrayAction } from './tray-menu.ts';
import { onAllWindowsClosed, trayMenu, trayTooltip } from './tray-menu.ts';
import { createMainWindow } from './window.ts';

const options = parseShellOptions(process.argv.slice(1), process.env);

// package.json's name is lowercase; pin the data folder to the one headless mode defaults to, so both modes
// open the same database. Must happen before 'ready' (Chromium puts its profile there too).
app.setName('Tollgate');
app.setPath('userData', options.dataDir ?? defaultDataDir(process.platform, process.env));

const paths = desktopPaths({
  packaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath(), mainDir: import.meta.dirname,
  userData: app.getPath('userData'), platform: process.platform,
});

let core: Tollgate | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: TrayHandle | null = null;
let gatewayUrl: string | null = null;
const pause = new GatewayPause();
let prefs: DesktopPrefs = loadPrefs(paths.dataDir);
/** Drops a closed window's IPC session (set once the core is up). */
let forgetSession: (senderId: number) => void = () => undefined;

function openWindow(): void {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return;
  }
  if (!core) return;
  const win = createMainWindow({
    preload: paths.preload, rendererFile: paths.rendererFile,
    devUrl: !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null,
    icon: process.platform === 'linux' ? paths.windowIcon : undefined,
  });
  const senderId = win.webContents.id;
  win.on('closed', () => {
    forgetSession(senderId);
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
}

// --hidden: a login start goes straight to the tray (Windows passes args, and compares them when asked; macOS reports
// wasOpenedAtLogin instead). Linux has no login items Electron can set.
const LOGIN_ITEM = { args: ['--hidden'] };
const loginItems = (): boolean | null => (process.platform === 'linux' ? null : app.getLoginItemSettings(LOGIN_ITEM).openAtLogin);

function runTrayAction(action: TrayAction): void {
  switch (action) {
    case 'open': return openWindow();
    case 'copy-url': if (gatewayUrl) clipboard.writeText(`${gatewayUrl}/v1`); return;
    case 'pause': return pause.set(true);
    case 'resume': return pause.set(false);
    case 'toggle-keep-serving':
      prefs = { ...prefs, keepServingOnClose: !prefs.keepServingOnClose };
      savePrefs(paths.dataDir, prefs);
      return tray?.refresh();
    case 'toggle-login':
      app.setLoginItemSettings({ openAtLogin: !loginItems(), ...LOGIN_ITEM });
      return tray?.refresh();
    case 'quit': return app.quit();
  }
}

function showNotification(n: { title: string; body: string; onClick?: () => void }): void {
  if (!Notification.isSupported()) return;
  const note = new Notification({ title: n.title, body: n.body });
  if (n.onClick) note.on('click', n.onClick);
  note.show();
}

/** `--rotate-master-key`: before the core opens the database, so nothing holds the old key meanwhile. */
async function rotateKeyFirst(log: Tollgate['logger']): Promise<void> {
  const { key, store } = desktopKeyForRotation(paths.dataDir, safeStorage);
  const r = await rotateStoredKey({ databaseUrl: join(paths.dataDir, 'tollgate.db'), migrationsRoot: paths.migrationsRoot, store,
    currentKey: key });
  log.info({ outcome: r.outcome, credentials: r.credentials, oldKey: r.oldKey, newKey: r.newKey }, 'master key rotated');
  await dialog.showMessageBox({ type: 'info', title: 'Master key rotated', message: `Master key rotated (${r.outcome}).`,
    detail: `${r.credentials} stored provider credential(s) are now sealed with the new key ${r.newKey} in ${store.label}.` });
}

async function start(): Promise<void> {
  const logger = createLogger({ level: 'info', dir: paths.logsDir, stdout: !app.isPackaged });
  if (options.rotateMasterKey) await rotateKeyFirst(logger);
  const { key, protection } = loadDesktopMasterKey(paths.dataDir, safeStorage);
  core = await createTollgate({
    masterKey: key, logger,
    config: {
      dataDir: paths.dataDir, databaseUrl: null, host: '127.0.0.1', port: options.port, localOwnerMode: true,
      migrationsRoot: paths.migrationsRoot, rendererDir: paths.rendererDir,
      // The bundled workers beside index.js (electron.vite.config.ts builds them); the source defaults do not exist here.
      ledgerWorkerPath: paths.ledgerWorker, analyticsWorkerPath: paths.analyticsWorker,
    },
  });
  const running = core;
  logger.info({ dataDir: paths.dataDir, keyProtection: protection }, 'desktop core ready');
  pause.install(running.server);

  const ipcContext = ipcContextFactory(running);
  forgetSession = ipcContext.forget;
  handleTrpcIpc({
    ipcMain, router: appRouter, createContext: ipcContext.createContext,
    // Only the app window's own top-level page may call; not iframes, not other webContents.
    isAllowedSender: (event) => event.sender.id === mainWindow?.webContents.id && event.senderFrame?.parent === null,
    onError: ({ error, path, type }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error({ path, type, err: { message: error.cause?.message ?? error.message } }, 'ipc procedure failed');
      }
    },
  });

  const hidden = options.hidden || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!hidden) openWindow();

  try {
    gatewayUrl = await running.listen();
    logger.info({ url: gatewayUrl }, 'gateway listening');
  } catch (err) {
    // The panel still works over IPC; only local agents lose their endpoint until the port is free.
    dialog.showErrorBox('Gateway not started',
      `Tollgate could not listen on 127.0.0.1:${options.port} (${(err as Error).message}). `
      + 'The control panel works, but agents cannot connect. Quit whatever uses the port, or start with --port.');
  }

  try {
    tray = createTray({
      icon: paths.trayIcon, platform: process.platform, run: runTrayAction, onClick: openWindow,
      onError: (err) => logger.warn({ err: { message: err.message } }, 'tray status failed'),
      build: async () => {
        const status = await readStatus(running, { url: gatewayUrl, paused: pause.paused });
        return { items: trayMenu(status, { keepServingOnClose: prefs.keepServingOnClose, openAtLogin: loginItems() }),
          tooltip: trayTooltip(status) };
      },
    });
  } catch (err) {
    logger.warn({ err: { message: (err as Error).message } }, 'no tray on this desktop; closing the window quits');
  }
  setInterval(() => tray?.refresh(), 10_000).unref();
  pause.on('change', (paused) => {
    logger.info({ paused }, paused ? 'gateway paused' : 'gateway resumed');
    tray?.refresh();
  });
  notifyAlerts(running.alerts, showNotification, openWindow);
  running.alerts.on('alert', () => tray?.refresh());
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database and the port; it focuses its window on 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', () => openWindow());

  app.whenReady().then(start).catch((err: unknown) => {
    dialog.showErrorBox('Tollgate could not start', (err as Error).message);
    app.exit(1);
  });

  app.on('activate', () => openWindow());
  app.on('window-all-closed', () => {
    const next = onAllWindowsClosed({ keepServingOnClose: prefs.keepServingOnClose, platform: process.platform, hasTray: tray !== null });
    if (next === 'quit') return app.quit();
    if (!prefs.closeHintShown && gatewayUrl) {
      showNotification({ title: 'Tollgate is still serving', body: `Agents can keep calling ${gatewayUrl}/v1. Open or quit Tollgate from its `
        + `${process.platform === 'darwin' ? 'menu bar' : 'tray'} icon.` });
      prefs = { ...prefs, closeHintShown: true };
      savePrefs(paths.dataDir, prefs);
    }
  });

  // `npm start` forwards Ctrl+C / SIGTERM here: quit through before-quit so the core drains, as on a window close.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  // Drain in-flight gateway requests and flush the ledger before the process goes away.
  let closing = false;
  app.on('before-quit', (event) => {
    if (!core || closing) return;
    event.preventDefault();
    closing = true;
    const running = core;
    tray?.destroy();
    void running.close()
      .catch((err: unknown) => running.logger.error({ err: { message: (err as Error).message } }, 'shutdown failed'))
      .finally(() => {
        running.logger.flush();
        app.exit(0);
      });
  });
}
