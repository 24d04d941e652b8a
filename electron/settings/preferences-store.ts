import { z } from 'zod';

import { parseUnknown } from '../../shared/parse';
import { err, ok, type Result } from '../../shared/result';
import {
  applyPreferencesPatch,
  DEFAULT_HOTKEY_BINDINGS,
  DEFAULT_PREFERENCES,
  PreferencesSchema,
  type Preferences,
  type PreferencesPatch,
} from '../../shared/state/preferences';
import type { Logger } from '../logging/logger';
import type { KeyValueStore } from '../ports/key-value-store';

export const PREFERENCES_KEY = 'preferences';

const StoredSchema = z.object({ v: z.literal(1) }).passthrough();

export type PreferencesListener = (preferences: Preferences) => void;

/**
 * The desktop preferences, validated on read (the file is user-editable) section by section: a section that no
 * longer parses falls back to its defaults with a log line, and the others are kept.
 */
export class PreferencesStore {
  private current: Preferences;
  private readonly listeners = new Set<PreferencesListener>();

  public constructor(
    private readonly store: KeyValueStore,
    private readonly logger: Logger,
    defaults: Preferences = DEFAULT_PREFERENCES,
  ) {
    this.current = this.read(defaults);
  }

  public values(): Preferences {
    return this.current;
  }

  public update(patch: PreferencesPatch): Result<null> {
    return this.write(applyPreferencesPatch(this.current, patch));
  }

  public resetHotkeys(): Result<null> {
    return this.write({ ...this.current, hotkeys: { ...this.current.hotkeys, bindings: DEFAULT_HOTKEY_BINDINGS } });
  }

  public onChange(listener: PreferencesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(next: Preferences): Result<null> {
    const parsed = parseUnknown(PreferencesSchema, next);
    if (!parsed.ok) return err('invalid_payload', `Those settings are not valid: ${parsed.error}`);
    if (JSON.stringify(parsed.value) === JSON.stringify(this.current)) return ok(null);
    try {
      this.store.set(PREFERENCES_KEY, { v: 1, ...parsed.value });
    } catch (cause) {
      this.logger.error('preferences not saved', { error: cause instanceof Error ? cause.message : String(cause) });
      return err('internal', 'The settings could not be saved');
    }
    this.current = parsed.value;
    for (const listener of this.listeners) {
      try {
        listener(this.current);
      } catch (cause) {
        this.logger.error('preferences listener failed', { error: cause instanceof Error ? cause.message : String(cause) });
      }
    }
    return ok(null);
  }

  private read(defaults: Preferences): Preferences {
    const raw = this.store.get(PREFERENCES_KEY);
    if (raw === undefined) return defaults;
    const stored = parseUnknown(StoredSchema, raw);
    if (!stored.ok) {
      this.logger.warn('preferences unreadable; using defaults', { issues: stored.error });
      return defaults;
    }
    const record = stored.value as Record<string, unknown>;
    const sections = Object.keys(PreferencesSchema.shape) as (keyof Preferences)[];
    const result: Record<string, unknown> = {};
    for (const key of sections) {
      const section = parseUnknown(PreferencesSchema.shape[key], record[key]);
      if (section.ok) result[key] = section.value;
      else {
        if (record[key] !== undefined) this.logger.warn('a preferences section is unreadable; using its defaults', { section: key, issues: section.error });
        result[key] = defaults[key];
      }
    }
    return result as Preferences;
  }
}
