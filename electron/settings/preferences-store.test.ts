import { describe, expect, it } from 'vitest';

import { PreferencesPatchSchema, DEFAULT_PREFERENCES } from '../../shared/state/preferences';
import { MemoryStore } from '../adapters/memory-store';
import { memorySink, RootLogger } from '../logging/logger';

import { PREFERENCES_KEY, PreferencesStore } from './preferences-store';

const setup = (store = new MemoryStore()) => {
  const sink = memorySink();
  const logger = new RootLogger({ sink: sink.sink }).scope('preferences');
  return { store, sink, prefs: new PreferencesStore(store, logger) };
};

describe('PreferencesStore', () => {
  it('starts from the defaults and persists a patch section by section', () => {
    const { store, prefs } = setup();
    expect(prefs.values()).toEqual(DEFAULT_PREFERENCES);
    expect(prefs.update({ mini: { opacity: 80 }, hotkeys: { bindings: { next: 'Alt+N' } } })).toEqual({ ok: true, value: null });
    expect(prefs.values().mini).toEqual({ ...DEFAULT_PREFERENCES.mini, opacity: 80 });
    expect(prefs.values().hotkeys.bindings).toEqual({ ...DEFAULT_PREFERENCES.hotkeys.bindings, next: 'Alt+N' });
    expect(setup(store).prefs.values()).toEqual(prefs.values());
  });

  it('tells listeners once per real change, and a throwing listener breaks nothing', () => {
    const { prefs, sink } = setup();
    const seen: number[] = [];
    prefs.onChange(() => {
      throw new Error('boom');
    });
    prefs.onChange((p) => seen.push(p.mini.opacity));
    prefs.update({ mini: { opacity: 90 } });
    prefs.update({ mini: { opacity: 90 } });
    prefs.update({ theme: 'dark' });
    expect(seen).toEqual([90, 90]);
    expect(sink.lines.some((line) => line.includes('preferences listener failed'))).toBe(true);
  });

  it('refuses a value the schema forbids and keeps what it had', () => {
    const { prefs, store } = setup();
    const before = store.get(PREFERENCES_KEY);
    expect(prefs.update({ mini: { opacity: 20 } })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(prefs.values().mini.opacity).toBe(100);
    expect(store.get(PREFERENCES_KEY)).toEqual(before);
  });

  it('keeps the readable sections of a hand-edited file and says which one it dropped', () => {
    const store = new MemoryStore();
    store.set(PREFERENCES_KEY, { v: 1, ...DEFAULT_PREFERENCES, theme: 'neon', mini: { ...DEFAULT_PREFERENCES.mini, opacity: 75 } });
    const { prefs, sink } = setup(store);
    expect(prefs.values().theme).toBe('system');
    expect(prefs.values().mini.opacity).toBe(75);
    expect(sink.lines.join('\n')).toContain('theme');
  });

  it('resets only the hotkey bindings', () => {
    const { prefs } = setup();
    prefs.update({ hotkeys: { bindings: { playPause: null }, mediaKeys: 'leave' }, theme: 'light' });
    prefs.resetHotkeys();
    expect(prefs.values().hotkeys).toEqual({ ...DEFAULT_PREFERENCES.hotkeys, mediaKeys: 'leave' });
    expect(prefs.values().theme).toBe('light');
  });

  it('the patch schema refuses unknown keys rather than dropping them silently', () => {
    expect(PreferencesPatchSchema.safeParse({ mini: { opacity: 80, colour: 'red' } }).success).toBe(false);
    expect(PreferencesPatchSchema.safeParse({ volume: 3 }).success).toBe(false);
    expect(PreferencesPatchSchema.safeParse({ hotkeys: { bindings: { nope: 'A' } } }).success).toBe(false);
    expect(PreferencesPatchSchema.safeParse({}).success).toBe(true);
  });
});
