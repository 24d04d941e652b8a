import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { memorySink, RootLogger } from '../logging/logger';
import { MemoryStore } from '../adapters/memory-store';

import { clampInto, MINI_SIZES, onTopPlan, panelEdge, placeNearTray, type DisplayInfo } from './placement';
import { arrangementKey, emptyMemory, remember, restore, WindowStateStore } from './window-state';
import type { Rect } from './window-options';

const size = { width: 340, height: 120 };
const display = (id: number, bounds: Rect, workArea: Rect = bounds, scaleFactor = 1): DisplayInfo => ({ id, bounds, workArea, scaleFactor });
const screen = { x: 0, y: 0, width: 1920, height: 1080 };
const inside = (r: Rect, area: Rect) => r.x >= area.x && r.y >= area.y && r.x + r.width <= area.x + area.width && r.y + r.height <= area.y + area.height;

describe('mini-player placement near the tray', () => {
  it('macOS menu bar (tray at the top): just below the icon, centred on it', () => {
    const d = display(1, screen, { x: 0, y: 25, width: 1920, height: 1055 });
    expect(placeNearTray(size, [d], { x: 1500, y: 0, width: 24, height: 24 }, 'darwin')).toEqual({ x: 1342, y: 33, width: 340, height: 120 });
  });

  it('Windows taskbar at the bottom: above the icon; at the far right it is pulled inside the work area', () => {
    const d = display(1, screen, { x: 0, y: 0, width: 1920, height: 1040 });
    expect(placeNearTray(size, [d], { x: 1000, y: 1045, width: 24, height: 30 }, 'win32')).toEqual({ x: 842, y: 912, width: 340, height: 120 });
    expect(placeNearTray(size, [d], { x: 1900, y: 1045, width: 20, height: 30 }, 'win32')).toEqual({ x: 1572, y: 912, width: 340, height: 120 });
  });

  it('taskbar on the left or the right: beside the icon', () => {
    const left = display(1, screen, { x: 60, y: 0, width: 1860, height: 1080 });
    expect(placeNearTray(size, [left], { x: 10, y: 1000, width: 40, height: 24 }, 'win32')).toEqual({ x: 68, y: 952, width: 340, height: 120 });
    const right = display(1, screen, { x: 0, y: 0, width: 1860, height: 1080 });
    expect(placeNearTray(size, [right], { x: 1870, y: 500, width: 40, height: 24 }, 'win32')).toEqual({ x: 1512, y: 452, width: 340, height: 120 });
  });

  it('an icon in the corner goes with the taskbar it is in, not the nearer side edge', () => {
    const d = display(1, screen, { x: 0, y: 0, width: 1920, height: 1040 });
    expect(placeNearTray(size, [d], { x: 1905, y: 1050, width: 15, height: 20 }, 'win32')).toEqual({ x: 1572, y: 912, width: 340, height: 120 });
  });

  it('uses the display the tray is on', () => {
    const primary = display(1, screen, { x: 0, y: 25, width: 1920, height: 1055 });
    const second = display(2, { x: 1920, y: -200, width: 2560, height: 1440 }, { x: 1920, y: -175, width: 2560, height: 1415 });
    const placed = placeNearTray(size, [primary, second], { x: 4400, y: -200, width: 24, height: 24 }, 'darwin');
    expect(inside(placed, second.workArea)).toBe(true);
    expect(placed.y).toBe(-167);
  });

  it('without tray bounds: on the primary display, wherever the OS lists it', () => {
    const second = display(2, { x: -1920, y: 0, width: 1920, height: 1080 });
    const primary = display(1, screen, { x: 0, y: 32, width: 1920, height: 1048 });
    expect(placeNearTray(size, [second, primary], null, 'linux', primary.id)).toEqual({ x: 1564, y: 48, width: 340, height: 120 });
    // A primary id that names no display (gone meanwhile): the first one listed.
    expect(placeNearTray(size, [primary, second], null, 'linux', 99)).toEqual({ x: 1564, y: 48, width: 340, height: 120 });
  });

  it('without tray bounds (Linux): the work-area corner on the panel’s side', () => {
    const top = display(1, screen, { x: 0, y: 32, width: 1920, height: 1048 });
    expect(placeNearTray(size, [top], null, 'linux')).toEqual({ x: 1564, y: 48, width: 340, height: 120 });
    const bottom = display(1, screen, { x: 0, y: 0, width: 1920, height: 1036 });
    expect(placeNearTray(size, [bottom], null, 'linux')).toEqual({ x: 1564, y: 900, width: 340, height: 120 });
    const left = display(1, screen, { x: 48, y: 0, width: 1872, height: 1080 });
    expect(placeNearTray(size, [left], null, 'linux')).toMatchObject({ x: 64, y: 944 });
    expect(panelEdge(display(1, screen), 'linux')).toBe('top');
    expect(panelEdge(display(1, screen), 'win32')).toBe('bottom');
    expect(placeNearTray(size, [], null, 'linux')).toMatchObject({ width: 340, height: 120 });
  });

  it('property: wherever the tray is, the window lands fully inside a work area at its size', () => {
    const d = display(1, screen, { x: 0, y: 30, width: 1920, height: 1010 });
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 2000 }), fc.integer({ min: -100, max: 1200 }), fc.constantFrom(...Object.values(MINI_SIZES)), (x, y, s) => {
        const placed = placeNearTray(s, [d], { x, y, width: 22, height: 22 }, 'win32');
        return inside(placed, d.workArea) && placed.width === s.width && placed.height === s.height;
      }),
    );
  });

  it('clamps a window bigger than the area to the area', () => {
    expect(clampInto({ x: -50, y: -50, width: 5000, height: 100 }, { x: 0, y: 0, width: 800, height: 600 })).toEqual({ x: 0, y: 0, width: 800, height: 100 });
  });
});

describe('window memory per display arrangement', () => {
  const laptop = display(1, { x: 0, y: 0, width: 1440, height: 900 }, { x: 0, y: 25, width: 1440, height: 875 }, 2);
  const monitor = display(2, { x: 1440, y: 0, width: 2560, height: 1440 });
  const onMonitor = { x: 3000, y: 1200, width: 340, height: 120 };

  it('puts the window back where it was for the same arrangement, ids notwithstanding', () => {
    let memory = remember(emptyMemory(), [laptop, monitor], onMonitor);
    memory = remember(memory, [laptop], { x: 100, y: 700, width: 340, height: 120 });
    expect(restore(memory, [{ ...monitor, id: 9 }, laptop])).toEqual({ bounds: onMonitor, how: 'remembered' });
    expect(restore(memory, [laptop])).toEqual({ bounds: { x: 100, y: 700, width: 340, height: 120 }, how: 'remembered' });
    expect(arrangementKey([laptop, monitor])).toBe(arrangementKey([monitor, laptop]));
  });

  it('when its display is gone, brings the window to the nearest one that exists', () => {
    const memory = remember(emptyMemory(), [laptop, monitor], onMonitor);
    const restored = restore(memory, [laptop]);
    expect(restored.how).toBe('recovered');
    expect(restored.bounds && inside(restored.bounds, laptop.workArea)).toBe(true);
  });

  it('pulls a window that is partly off-screen fully back in', () => {
    const memory = remember(emptyMemory(), [laptop], { x: 1300, y: 850, width: 340, height: 120 });
    expect(restore(memory, [laptop])).toEqual({ bounds: { x: 1100, y: 780, width: 340, height: 120 }, how: 'recovered' });
  });

  it('applies the size the mini-player mode asks for, and keeps at most 8 arrangements', () => {
    const memory = remember(emptyMemory(), [laptop], { x: 10, y: 700, width: 340, height: 120 });
    expect(restore(memory, [laptop], MINI_SIZES.square)).toEqual({ bounds: { x: 10, y: 600, width: 300, height: 300 }, how: 'recovered' });
    let many = emptyMemory();
    for (let i = 0; i < 12; i += 1) many = remember(many, [display(i, { x: 0, y: 0, width: 1000 + i, height: 800 })], { x: i, y: 0, width: 10, height: 10 });
    expect(many.byArrangement).toHaveLength(8);
    expect(restore(emptyMemory(), [laptop])).toEqual({ bounds: null, how: 'none' });
  });

  it('persists through the store and survives a hand-edited file', () => {
    const store = new MemoryStore();
    const log = new RootLogger({ sink: memorySink().sink }).scope('windows');
    new WindowStateStore(store, log).save('main', [laptop], { x: 5, y: 30, width: 900, height: 600 });
    expect(restore(new WindowStateStore(store, log).memory('main'), [laptop]).bounds).toEqual({ x: 5, y: 30, width: 900, height: 600 });
    store.set('windowState', { v: 1, main: { byArrangement: 'nonsense' } });
    expect(new WindowStateStore(store, log).memory('main')).toEqual(emptyMemory());
  });
});

describe('always on top', () => {
  it('uses a level above fullscreen apps on macOS and Windows, plain on X11, none on Wayland', () => {
    expect(onTopPlan(true, 'darwin', false)).toEqual({ supported: true, flag: true, level: 'screen-saver', visibleOnFullScreen: true });
    expect(onTopPlan(true, 'win32', false)).toMatchObject({ level: 'screen-saver', visibleOnFullScreen: false });
    expect(onTopPlan(true, 'linux', false)).toMatchObject({ flag: true, level: 'floating' });
    expect(onTopPlan(true, 'linux', true)).toMatchObject({ supported: false, flag: false });
    expect(onTopPlan(false, 'darwin', false)).toMatchObject({ flag: false });
  });
});
