import type { Logger } from '../logging/logger';
import type { Cipher } from '../ports/cipher';
import type { Clock } from '../ports/clock';
import type { KeyValueStore } from '../ports/key-value-store';
import { noPowerEvents, type PowerEvents } from '../ports/power-events';
import type { SecretRegistry } from '../ports/secret-registry';
import type { SettingsStore } from '../settings/settings-store';
import { RefreshScheduler } from '../tokens/refresh-scheduler';
import { SessionStore } from '../tokens/session-store';
import { TokenKeeper, type RefreshStep } from '../tokens/token-keeper';

import type { AuthMode } from './auth-mode';

export interface TokenSessionDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  readonly settings: SettingsStore;
  readonly store: KeyValueStore;
  readonly cipher: Cipher;
  readonly power?: PowerEvents;
  readonly random?: () => number;
  readonly refreshStep?: (step: RefreshStep) => Promise<void>;
  readonly mode: AuthMode;
  /** The tokens changed, or a scheduler tick passed (the 6-month warning may be due). */
  readonly changed: () => void;
  /** Spotify ended the session; it is already dropped. */
  readonly ended: (reason: string) => void;
}

/** The token lifecycle of one app: the vault policy, the keeper (memory, refresh) and its scheduler. */
export interface TokenSession {
  readonly sessions: SessionStore;
  readonly keeper: TokenKeeper;
  readonly scheduler: RefreshScheduler;
}

export function createTokenSession(deps: TokenSessionDeps): TokenSession {
  const { clock, logger, mode } = deps;
  const sessions = new SessionStore({
    store: deps.store,
    cipher: deps.cipher,
    clock,
    logger: logger.child('vault'),
    secrets: deps.secrets,
    isDemo: () => mode.mode() === 'demo',
    plaintextOptIn: () => deps.settings.values().plaintextOptIn,
  });
  const keeper = new TokenKeeper(
    {
      endpoint: { http: (url, init) => mode.http()(url, init), clock },
      endpoints: () => mode.endpoints(),
      logger: logger.child('refresh'),
      secrets: deps.secrets,
      persist: (tokens) => sessions.persist(tokens),
      erase: () => sessions.erase(),
      onChange: deps.changed,
      onEnded: deps.ended,
      random: deps.random,
      step: deps.refreshStep,
    },
    () => clock.now(),
  );
  const scheduler = new RefreshScheduler({ clock, power: deps.power ?? noPowerEvents, keeper, logger: logger.child('scheduler'), onTick: deps.changed });
  return { sessions, keeper, scheduler };
}
