import { screen } from 'electron';

import type { DisplayInfo } from '../windows/placement';

/** The displays as plain data (after `ready`). */
export function currentDisplays(): DisplayInfo[] {
  return screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, workArea: d.workArea, scaleFactor: d.scaleFactor }));
}

/** The display with the menu bar / taskbar (after `ready`). */
export function primaryDisplayId(): number {
  return screen.getPrimaryDisplay().id;
}

/** Displays added, removed or changed (resolution, scale, work area). */
export function onDisplaysChanged(callback: () => void): () => void {
  screen.on('display-added', callback);
  screen.on('display-removed', callback);
  screen.on('display-metrics-changed', callback);
  return () => {
    screen.off('display-added', callback);
    screen.off('display-removed', callback);
    screen.off('display-metrics-changed', callback);
  };
}
