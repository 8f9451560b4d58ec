// The tray / menu-bar icon: an Electron adapter over tray-menu.ts (which holds the menu's content and is tested).
import { Menu, nativeImage, Tray } from 'electron';
import type { TrayAction, TrayItem } from './tray-menu.ts';
import { toTemplate } from './tray-menu.ts';

export interface TrayHandle {
  /** Rebuilds the menu from fresh status; calls that arrive while one runs are folded into one more. */
  refresh(): void;
  destroy(): void;
}

export function createTray(o: {
  icon: string;
  platform: NodeJS.Platform;
  build: () => Promise<{ items: TrayItem[]; tooltip: string }>;
  run: (action: TrayAction) => void;
  /** Windows: a left click opens the window (the menu is on the right button). */
  onClick: () => void;
  onError: (err: Error) => void;
}): TrayHandle {
  const image = nativeImage.createFromPath(o.icon);
  if (o.platform === 'darwin') image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip('Tollgate');
  if (o.platform === 'win32') tray.on('click', o.onClick);
  let running = false;
  let again = false;
  let destroyed = false;
  const refresh = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    o.build()
      .then(({ items, tooltip }) => {
        if (destroyed) return;
        tray.setContextMenu(Menu.buildFromTemplate(toTemplate(items, o.run)));
        tray.setToolTip(tooltip);
      })
      .catch((err: unknown) => o.onError(err as Error))
      .finally(() => {
        running = false;
        if (again && !destroyed) {
          again = false;
          refresh();
        }
      });
  };
  refresh();
  return {
    refresh,
    destroy: () => {
      destroyed = true;
      tray.destroy();
    },
  };
}
