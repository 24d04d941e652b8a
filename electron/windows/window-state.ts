import { z } from 'zod';

import { parseUnknown } from '../../shared/parse';
import type { Logger } from '../logging/logger';
import type { KeyValueStore } from '../ports/key-value-store';

import { clampInto, displayAt, type DisplayInfo, type Size } from './placement';
import type { Rect, WindowRole } from './window-options';

/**
 * Where each window was, per display arrangement: plugging in the office monitor puts the mini-player back
 * where it was on that monitor, and unplugging it brings the window back to a screen that exists.
 */

const RectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
const MemorySchema = z.object({
  /** Arrangement key → bounds, most recent last. */
  byArrangement: z.array(z.tuple([z.string().max(2000), RectSchema])).max(32),
});
export type WindowMemory = z.infer<typeof MemorySchema>;
const StoredSchema = z.object({ v: z.literal(1), main: MemorySchema.optional(), mini: MemorySchema.optional() });

export const WINDOW_STATE_KEY = 'windowState';
const KEEP_ARRANGEMENTS = 8;
/** Of a window this much must be on a screen to count as visible there (the rest is pulled in). */
const MIN_VISIBLE = 0.5;

/** Displays identified by what they are (bounds and scale), not by ids, which change across reboots on some OSes. */
export function arrangementKey(displays: readonly DisplayInfo[]): string {
  return displays
    .map((d) => `${d.bounds.x},${d.bounds.y},${d.bounds.width}x${d.bounds.height}@${d.scaleFactor}`)
    .sort()
    .join('|');
}

export const emptyMemory = (): WindowMemory => ({ byArrangement: [] });

export function remember(memory: WindowMemory, displays: readonly DisplayInfo[], bounds: Rect): WindowMemory {
  const key = arrangementKey(displays);
  const rest = memory.byArrangement.filter(([k]) => k !== key);
  return { byArrangement: [...rest, [key, roundRect(bounds)] as [string, Rect]].slice(-KEEP_ARRANGEMENTS) };
}

export type Restored = { readonly bounds: Rect; readonly how: 'remembered' | 'recovered' } | { readonly bounds: null; readonly how: 'none' };

/**
 * The bounds to open with: those remembered for this arrangement; else the last ones anywhere. Either way,
 * a window mostly off-screen (or on a display that is gone) is moved onto the nearest display's work area.
 * `size` overrides the remembered size (the mini-player's size comes from its mode).
 */
export function restore(memory: WindowMemory, displays: readonly DisplayInfo[], size?: Size): Restored {
  const key = arrangementKey(displays);
  const exact = memory.byArrangement.find(([k]) => k === key)?.[1];
  const saved = exact ?? memory.byArrangement.at(-1)?.[1];
  if (!saved || displays.length === 0) return { bounds: null, how: 'none' };
  const rect = size ? { ...saved, ...size } : saved;
  const best = displays
    .map((d) => ({ d, share: overlap(rect, d.workArea) / (rect.width * rect.height) }))
    .sort((a, b) => b.share - a.share)[0];
  if (exact && best && best.share >= 1) return { bounds: rect, how: 'remembered' };
  const target = best && best.share >= MIN_VISIBLE ? best.d : displayAt(displays, { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });
  if (!target) return { bounds: null, how: 'none' };
  const moved = clampInto(rect, target.workArea);
  const same = moved.x === rect.x && moved.y === rect.y && moved.width === rect.width && moved.height === rect.height;
  return { bounds: moved, how: exact && same ? 'remembered' : 'recovered' };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const roundRect = (r: Rect): Rect => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) });

/** The memory of both windows in the key-value store, validated on read (the file is user-editable). */
export class WindowStateStore {
  private state: { main: WindowMemory; mini: WindowMemory };

  public constructor(
    private readonly store: KeyValueStore,
    private readonly log: Logger,
  ) {
    const parsed = parseUnknown(StoredSchema, store.get(WINDOW_STATE_KEY) ?? { v: 1 });
    if (!parsed.ok) log.warn('window positions unreadable; starting fresh', { issues: parsed.error });
    this.state = { main: (parsed.ok && parsed.value.main) || emptyMemory(), mini: (parsed.ok && parsed.value.mini) || emptyMemory() };
  }

  public memory(role: WindowRole): WindowMemory {
    return this.state[role];
  }

  public save(role: WindowRole, displays: readonly DisplayInfo[], bounds: Rect): void {
    this.state = { ...this.state, [role]: remember(this.state[role], displays, bounds) };
    try {
      this.store.set(WINDOW_STATE_KEY, { v: 1, ...this.state });
    } catch (cause) {
      this.log.warn('window position not saved', { error: cause instanceof Error ? cause.message : String(cause) });
    }
  }
}
