import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';

import { encodeIco, encodePng } from '../tray/image-codecs';
import { trayIconPixels, trayIconSpec, trayIconState, type TrayIconState } from '../tray/tray-icon';
import { nowPlayingLine, trayMenu, type TrayAction, type TrayMenuItem } from '../tray/tray-menu';
import type { TrayView } from '../tray/tray-controller';
import type { Rect } from '../windows/window-options';

export interface TrayOptions {
  readonly onAction: (action: TrayAction) => void;
  /** A left click where the platform reports one (macOS, Windows), with the icon's bounds. */
  readonly onClick: (bounds: Rect | null) => void;
  /** The menu is about to open: a moment to refresh the device list. */
  readonly onMenuWillShow: () => void;
  /** Where Windows' ICO files are written (Electron loads ICO only from a path). */
  readonly iconDir: string;
}

export type TrayHandle = TrayView;

const GUID = '6f3c1a52-8d0e-4b8e-9a57-2f1f4f6c7b10';

/** The tray icon and its menu, rebuilt from state; every action goes back through `onAction`. */
export function createTray(options: TrayOptions): TrayHandle {
  const platform = process.platform;
  const images = new Map<TrayIconState, NativeImage>();
  const imageFor = (state: TrayIconState): NativeImage => {
    const cached = images.get(state);
    if (cached) return cached;
    const image = buildImage(state, platform, options.iconDir);
    images.set(state, image);
    return image;
  };
  // A GUID keeps the icon's place across restarts (macOS, Windows); Linux takes none.
  const tray = platform === 'linux' ? new Tray(imageFor('paused')) : new Tray(imageFor('paused'), GUID);
  let menu: Menu | null = null;
  let lastMenu = '';
  let lastIcon: TrayIconState = 'paused';
  let lastTip = '';

  tray.on('click', (_event, bounds) => options.onClick(bounds && bounds.width > 0 ? bounds : null));
  // macOS: a set context menu would also open on left click, so it pops up on right click only.
  if (platform === 'darwin') {
    tray.on('right-click', () => {
      options.onMenuWillShow();
      if (menu) tray.popUpContextMenu(menu);
    });
  }

  return {
    render(state, context) {
      const icon = trayIconState(state);
      if (icon !== lastIcon) {
        lastIcon = icon;
        tray.setImage(imageFor(icon));
      }
      const tip = `Trayplay — ${nowPlayingLine(state.playback.nowPlaying)}`.slice(0, 120);
      if (tip !== lastTip) {
        lastTip = tip;
        tray.setToolTip(tip);
      }
      const items = trayMenu(state, context);
      const key = JSON.stringify(items);
      if (key === lastMenu) return;
      lastMenu = key;
      // Electron flips a checkbox (moves a radio) on click: the built menu no longer matches `key`, so the
      // next render rebuilds it, whatever the command's outcome.
      const onCheckClick = (action: TrayAction): void => {
        lastMenu = '';
        options.onAction(action);
      };
      menu = Menu.buildFromTemplate(toTemplate(items, { onAction: options.onAction, onCheckClick }, platform));
      menu.on('menu-will-show', () => options.onMenuWillShow());
      // Linux needs the menu set again after any change.
      if (platform !== 'darwin') tray.setContextMenu(menu);
    },
    bounds() {
      if (platform === 'linux') return null;
      const b = tray.getBounds();
      return b.width > 0 ? b : null;
    },
    destroy: () => tray.destroy(),
  };
}

interface ClickHandlers {
  readonly onAction: (action: TrayAction) => void;
  /** A checkbox or radio click: Electron has already changed what the item shows. */
  readonly onCheckClick: (action: TrayAction) => void;
}

function toTemplate(items: readonly TrayMenuItem[], handlers: ClickHandlers, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const why = (reason: string | undefined): Partial<MenuItemConstructorOptions> =>
    reason && platform === 'darwin' ? { sublabel: reason, toolTip: reason } : reason ? { toolTip: reason } : {};
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => handlers.onAction(item.action), ...why(item.disabledReason) };
      case 'checkbox':
        return { type: 'checkbox', label: item.label, checked: item.checked, enabled: item.enabled, click: () => handlers.onCheckClick(item.action), ...why(item.disabledReason) };
      case 'radio':
        // The radio already checked (the active device, the current volume) stays checked: nothing to do.
        return { type: 'radio', label: item.label, checked: item.checked, enabled: item.enabled, click: () => (item.checked ? undefined : handlers.onCheckClick(item.action)), ...why(item.disabledReason) };
      case 'submenu':
        return { label: item.label, enabled: item.enabled, submenu: toTemplate(item.items, handlers, platform), ...why(item.disabledReason) };
    }
  });
}

function buildImage(state: TrayIconState, platform: NodeJS.Platform, iconDir: string): NativeImage {
  const spec = trayIconSpec(platform);
  if (spec.icoSizes) {
    try {
      mkdirSync(iconDir, { recursive: true });
      const file = join(iconDir, `tray-${state}.ico`);
      writeFileSync(file, encodeIco(spec.icoSizes.map((size) => ({ size, png: encodePng(size, size, trayIconPixels(size, state, spec.style)) }))));
      const fromIco = nativeImage.createFromPath(file);
      if (!fromIco.isEmpty()) return fromIco;
    } catch {
      // Fall through to in-memory PNGs.
    }
  }
  const image = nativeImage.createEmpty();
  for (const { scaleFactor, size } of spec.representations) {
    image.addRepresentation({ scaleFactor, width: size, height: size, buffer: encodePng(size, size, trayIconPixels(size, state, spec.style)) });
  }
  if (spec.style === 'template') image.setTemplateImage(true);
  return image;
}
