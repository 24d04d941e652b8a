import { fail, ok, type Result } from '../../shared/result';
import type { AuthSettings } from '../../shared/state/auth-state';
import type { Cipher } from '../ports/cipher';
import type { ProtocolRegistrar, ProtocolRegistration } from '../ports/protocol-registrar';
import type { SettingsStore } from '../settings/settings-store';

import { REDIRECT_URIS_TO_REGISTER } from './redirect-uris';

export const NOT_REGISTERED: ProtocolRegistration = fail('The trayplay:// link handler is not registered yet.');

/** Asks the OS for `trayplay://` links; a failure is a reason shown on the account page, never a throw. */
export function registerScheme(protocol: ProtocolRegistrar | null): ProtocolRegistration {
  if (!protocol) return fail('trayplay:// links are not available here; the loopback address is used instead.');
  try {
    return protocol.register();
  } catch (cause) {
    return fail(`The trayplay:// link handler could not be registered (${cause instanceof Error ? cause.message : 'unknown'}).`);
  }
}

/** What the account page shows about the sign-in setup. */
export function authSettingsView(settings: SettingsStore, registration: ProtocolRegistration, cipher: Cipher): AuthSettings {
  const { clientId, fromBuild } = settings.effectiveClientId();
  const values = settings.values();
  return {
    clientId,
    clientIdFromBuild: fromBuild,
    redirectMode: values.redirectMode,
    redirectUris: { ...REDIRECT_URIS_TO_REGISTER },
    protocolAvailable: registration.ok,
    protocolProblem: registration.ok ? null : registration.error,
    storage: { secure: cipher.isSecure(), backend: cipher.backend(), plaintextOptIn: values.plaintextOptIn },
  };
}

export interface ClientIdChangeDeps {
  readonly settings: SettingsStore;
  /** Ends the session (memory and disk) and any attempt, and shows "signed out". */
  readonly endSession: () => void;
  /** Whether the app is in demo mode now (no Client ID and a simulator). */
  readonly isDemo: () => boolean;
  readonly demoSignIn: () => Promise<unknown>;
}

/**
 * Saves a new Client ID. Tokens belong to the Client ID that obtained them, so a real change ends the
 * session; clearing it enters demo mode where there is one.
 */
export async function changeClientId(deps: ClientIdChangeDeps, clientId: string | null): Promise<Result<null>> {
  const before = deps.settings.effectiveClientId().clientId;
  const saved = deps.settings.setClientId(clientId);
  if (!saved.ok) return saved;
  if (deps.settings.effectiveClientId().clientId === before) return ok(null);
  deps.endSession();
  if (deps.isDemo()) await deps.demoSignIn();
  return ok(null);
}
