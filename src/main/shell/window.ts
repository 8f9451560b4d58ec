import { BrowserWindow, shell } from 'electron';

export interface WindowOptions {
  preload: string;
  /** Built renderer's index.html, loaded with loadFile. */
  rendererFile: string;
  /** electron-vite's dev server, used instead of rendererFile during `npm run dev`. */
  devUrl: string | null;
  icon: string | undefined;
}

/** The one app window, locked down: sandboxed, isolated, no Node, no popups, no navigating away. */
export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200, height: 800, minWidth: 800, minHeight: 560, show: false, title: 'Tollgate',
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: {
      preload: opts.preload, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());

  // Links meant for the outside world open in the user's browser; nothing opens inside the app.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The page is the whole app; a navigation (a stray link, injected content) would swap it for something else.
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== win.webContents.getURL()) event.preventDefault();
  });

  if (opts.devUrl) void win.loadURL(opts.devUrl);
  else void win.loadFile(opts.rendererFile);
  return win;
}
