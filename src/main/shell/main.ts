// The Electron main process: a thin host for the core. It owns the app lifecycle, the window, the IPC bridge and
// the OS keychain; everything else (database, gateway, API) is the same core that `serve` runs headless.
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog, ipcMain, safeStorage } from 'electron';
import { appRouter } from '../core/api/root.ts';
import type { Tollgate } from '../core/app.ts';
import { createTollgate } from '../core/app.ts';
import { createLogger } from '../core/lib/logger.ts';
import { defaultDataDir } from '../core/lib/paths.ts';
import { handleTrpcIpc } from './ipc.ts';
import { ipcContextFactory } from './ipc-context.ts';
import { loadDesktopMasterKey } from './master-key.ts';
import { parseShellOptions } from './options.ts';
import { createMainWindow } from './window.ts';

const here = import.meta.dirname; // out/main once built
const options = parseShellOptions(process.argv.slice(1), process.env);

// package.json's name is lowercase; pin the data folder to the one headless mode defaults to, so both modes
// open the same database. Must happen before 'ready' (Chromium puts its profile there too).
app.setName('Tollgate');
app.setPath('userData', options.dataDir ?? defaultDataDir(process.platform, process.env));

let core: Tollgate | null = null;
let mainWindow: BrowserWindow | null = null;
/** Drops a closed window's IPC session (set once the core is up). */
let forgetSession: (senderId: number) => void = () => undefined;

function openWindow(): void {
  const resources = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');
  const win = createMainWindow({
    preload: join(here, '../preload/index.cjs'),
    rendererFile: join(here, '../renderer/index.html'),
    devUrl: !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null,
    icon: process.platform === 'linux' ? join(resources, 'icon.png') : undefined,
  });
  const senderId = win.webContents.id;
  win.on('closed', () => {
    forgetSession(senderId);
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logger = createLogger({ level: 'info', dir: join(dataDir, 'logs'), stdout: !app.isPackaged });
  const { key, protection } = loadDesktopMasterKey(dataDir, safeStorage);
  core = await createTollgate({
    masterKey: key, logger,
    config: {
      dataDir, databaseUrl: null, host: '127.0.0.1', port: options.port, localOwnerMode: true,
      migrationsRoot: app.isPackaged ? join(process.resourcesPath, 'drizzle') : join(app.getAppPath(), 'drizzle'),
      rendererDir: join(here, '../renderer'),
    },
  });
  logger.info({ dataDir, keyProtection: protection }, 'desktop core ready');

  const ipcContext = ipcContextFactory(core);
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

  openWindow();

  try {
    const url = await core.listen();
    logger.info({ url }, 'gateway listening');
  } catch (err) {
    // The panel still works over IPC; only local agents lose their endpoint until the port is free.
    dialog.showErrorBox('Gateway not started',
      `Tollgate could not listen on 127.0.0.1:${options.port} (${(err as Error).message}). `
      + 'The control panel works, but agents cannot connect. Quit whatever uses the port, or start with --port.');
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database and the port; it focuses its window on 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) {
      if (core) openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(start).catch((err: unknown) => {
    dialog.showErrorBox('Tollgate could not start', (err as Error).message);
    app.exit(1);
  });

  app.on('activate', () => {
    if (core && !mainWindow) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
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
    void running.close()
      .catch((err: unknown) => running.logger.error({ err: { message: (err as Error).message } }, 'shutdown failed'))
      .finally(() => {
        running.logger.flush();
        app.exit(0);
      });
  });
}
