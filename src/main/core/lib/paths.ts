import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron calls `app.getPath('userData')` for product "Tollgate", computed without Electron so
 * headless mode and the desktop app share one data folder by default. Env is passed in (core reads none).
 */
export function defaultDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tollgate');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tollgate');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Tollgate');
}
