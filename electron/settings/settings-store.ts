import { z } from 'zod';

import { ClientIdSchema } from '../../shared/contract';
import { parseUnknown } from '../../shared/parse';
import { err, ok, type Result } from '../../shared/result';
import { RedirectModeSchema, type RedirectMode } from '../../shared/state/auth-state';
import type { Logger } from '../logging/logger';
import type { KeyValueStore } from '../ports/key-value-store';

export const SETTINGS_KEY = 'authSettings';

/** Loopback is Spotify's documented desktop redirect and needs no OS registration, so it is the default. */
export const DEFAULT_REDIRECT_MODE: RedirectMode = 'loopback';

const SettingsSchema = z.object({
  v: z.literal(1),
  clientId: ClientIdSchema.nullable(),
  redirectMode: RedirectModeSchema,
  plaintextOptIn: z.boolean(),
});
export type AuthSettingsValues = Omit<z.output<typeof SettingsSchema>, 'v'>;

const DEFAULTS: AuthSettingsValues = { clientId: null, redirectMode: DEFAULT_REDIRECT_MODE, plaintextOptIn: false };

export interface SettingsStoreOptions {
  /** A Client ID baked in by a packager; used when the user entered none. */
  readonly buildClientId?: string | null;
  readonly logger: Logger;
}

/** The sign-in settings, validated on every read (the file is user-editable) and written through the store. */
export class SettingsStore {
  private readonly buildClientId: string | null;

  public constructor(
    private readonly store: KeyValueStore,
    private readonly options: SettingsStoreOptions,
  ) {
    const build = options.buildClientId ? parseUnknown(ClientIdSchema, options.buildClientId) : null;
    if (build && !build.ok) options.logger.warn('build-time Client ID ignored: not a Client ID');
    this.buildClientId = build?.ok ? build.value : null;
  }

  public values(): AuthSettingsValues {
    const raw = this.store.get(SETTINGS_KEY);
    if (raw === undefined) return DEFAULTS;
    const parsed = parseUnknown(SettingsSchema, raw);
    if (parsed.ok) return { clientId: parsed.value.clientId, redirectMode: parsed.value.redirectMode, plaintextOptIn: parsed.value.plaintextOptIn };
    this.options.logger.warn('sign-in settings unreadable; using defaults', { issues: parsed.error });
    return DEFAULTS;
  }

  /** The Client ID in use: the user's, else the build's; null means demo mode. */
  public effectiveClientId(): { readonly clientId: string | null; readonly fromBuild: boolean } {
    const own = this.values().clientId;
    if (own !== null) return { clientId: own, fromBuild: false };
    return { clientId: this.buildClientId, fromBuild: this.buildClientId !== null };
  }

  public setClientId(clientId: string | null): Result<null> {
    if (clientId === null) return this.write({ clientId: null });
    const parsed = parseUnknown(ClientIdSchema, clientId);
    if (!parsed.ok) return err('invalid_client_id', 'A Client ID is 32 letters and digits (0-9, a-f), as shown in the Spotify dashboard');
    return this.write({ clientId: parsed.value });
  }

  public setRedirectMode(redirectMode: RedirectMode): Result<null> {
    return this.write({ redirectMode });
  }

  public setPlaintextOptIn(plaintextOptIn: boolean): Result<null> {
    return this.write({ plaintextOptIn });
  }

  private write(patch: Partial<AuthSettingsValues>): Result<null> {
    try {
      this.store.set(SETTINGS_KEY, { v: 1, ...this.values(), ...patch });
      return ok(null);
    } catch {
      return err('internal', 'The settings could not be saved');
    }
  }
}
