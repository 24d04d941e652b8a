import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';

import type { AppState } from '../../shared/state/app-state';
import { trayIconBitmap } from '../tray/tray-icon';
import { nowPlayingLine, trayMenu, type TrayAction } from '../tray/tray-menu';

/** The tray icon and its menu, rebuilt from state; every action goes back through `onAction`. */
export function createTray(onAction: (action: TrayAction) => void): { render(state: AppState): void; destroy(): void } {
  const size = process.platform === 'darwin' ? 16 : 32;
  const scale = process.platform === 'darwin' ? 1 : 2;
  const image = nativeImage.createFromBitmap(Buffer.from(trayIconBitmap(size * scale)), {
    width: size * scale,
    height: size * scale,
    scaleFactor: scale,
  });
  image.setTemplateImage(true);
  const tray = new Tray(image);
  // Left click opens the main window where the platform delivers clicks; Linux relies on the menu.
  tray.on('click', () => onAction('showMain'));
  let last = '';

  return {
    render(state) {
      const items = trayMenu(state);
      const key = JSON.stringify(items);
      if (key === last) return;
      last = key;
      const template: MenuItemConstructorOptions[] = items.map((item) =>
        item.kind === 'separator'
          ? { type: 'separator' }
          : item.kind === 'label'
            ? { label: item.label, enabled: false }
            : { label: item.label, enabled: item.enabled, click: () => onAction(item.action) },
      );
      // Linux needs the menu set again after any change.
      tray.setContextMenu(Menu.buildFromTemplate(template));
      tray.setToolTip(`Trayplay — ${nowPlayingLine(state.playback.nowPlaying)}`.slice(0, 120));
    },
    destroy: () => tray.destroy(),
  };
}
