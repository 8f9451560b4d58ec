// Every file the desktop app opens, from paths Electron hands in (never guessed from the working directory):
// development runs from the project folder, a packaged app from its install folder (see electron-builder.yml).
import { join } from 'node:path';

/** Main-build entries besides index (electron.vite.config.ts): the piscina worker files, by output name. */
export const WORKER_ENTRIES = {
  ledger: 'ledger-writer.worker',
  analytics: 'analytics-reader.worker',
} as const;

export interface PathInputs {
  /** app.isPackaged */
  packaged: boolean;
  /** process.resourcesPath: extraResources land here when packaged. */
  resourcesPath: string;
  /** app.getAppPath(): the project folder in development, …/resources/app.asar when packaged. */
  appPath: string;
  /** The built main bundle's folder (out/main, inside app.asar when packaged). */
  mainDir: string;
  /** app.getPath('userData') after main.ts pinned it: database, logs, keys, desktop.json. */
  userData: string;
  platform: NodeJS.Platform;
}

export interface DesktopPaths {
  dataDir: string;
  logsDir: string;
  migrationsRoot: string;
  rendererDir: string;
  rendererFile: string;
  preload: string;
  ledgerWorker: string;
  analyticsWorker: string;
  windowIcon: string;
  trayIcon: string;
}

export function desktopPaths(i: PathInputs): DesktopPaths {
  // Loose assets: extraResources when packaged, the repo's resources/ and drizzle/ in development.
  const assets = i.packaged ? i.resourcesPath : join(i.appPath, 'resources');
  return {
    dataDir: i.userData,
    logsDir: join(i.userData, 'logs'),
    migrationsRoot: i.packaged ? join(i.resourcesPath, 'drizzle') : join(i.appPath, 'drizzle'),
    rendererDir: join(i.mainDir, '..', 'renderer'),
    rendererFile: join(i.mainDir, '..', 'renderer', 'index.html'),
    preload: join(i.mainDir, '..', 'preload', 'index.cjs'),
    ledgerWorker: join(i.mainDir, `${WORKER_ENTRIES.ledger}.js`),
    analyticsWorker: join(i.mainDir, `${WORKER_ENTRIES.analytics}.js`),
    windowIcon: join(assets, 'icon.png'),
    // macOS menu bar: a black "Template" image the system tints; elsewhere a colour icon.
    trayIcon: join(assets, i.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
  };
}
