import { createSimulator, DEMO_CLIENT_ID, PLACEHOLDER_BASE_URL, type Simulator } from '../../simulator/index';
import { AuthService } from '../auth/auth-service';
import { simulatorEndpoints, type Endpoints } from '../auth/endpoints';
import type { RootLogger } from '../logging/logger';
import { isAllowedHost } from '../net/host-check';
import { createLimitedServer } from '../net/http-limits';
import { PlaybackService } from '../player/playback-service';
import type { Visibility } from '../player/refresh-policy';
import type { Browser } from '../ports/browser';
import type { Cipher } from '../ports/cipher';
import type { Clock } from '../ports/clock';
import type { HttpFetch } from '../ports/http';
import type { KeyValueStore } from '../ports/key-value-store';
import type { PlaintextConsent } from '../ports/plaintext-consent';
import type { PowerEvents } from '../ports/power-events';
import type { ProtocolRegistrar } from '../ports/protocol-registrar';
import { PreferencesStore } from '../settings/preferences-store';
import { SettingsStore } from '../settings/settings-store';
import { WebApiClient } from '../spotify/web-api-client';

import { DesktopStatusHub } from './desktop-status';

/** Everything the services need from the platform: Electron adapters in the app, Node ones in the host. */
export interface ServicesConfig {
  readonly shell: 'electron' | 'web';
  readonly clock: Clock;
  readonly logger: RootLogger;
  readonly store: KeyValueStore;
  readonly cipher: Cipher;
  readonly browser: Browser;
  readonly power: PowerEvents;
  readonly protocol: ProtocolRegistrar | null;
  /** Requests to Spotify. */
  readonly fetch: HttpFetch;
  /** A packager's default Client ID. */
  readonly buildClientId?: string | null;
  /** Spotify's endpoints replaced (tests against a simulator); null: the real service. */
  readonly endpointsOverride?: Endpoints | null;
  /** Web API request timeout. */
  readonly requestTimeoutMs?: number;
  /**
   * Main's own yes before tokens are stored unencrypted: a native dialog in Electron; in the web preview (no
   * native dialog) `PAGE_WARNING_IS_CONSENT`. Required, so a shell that forgets it fails to compile rather than
   * letting any page opt in.
   */
  readonly plaintextConsent: PlaintextConsent;
  /** Demo mode's world starts with nothing active (tests of the no-device states); default: a track playing. */
  readonly demoStartsIdle?: boolean;
}

export interface Services {
  readonly auth: AuthService;
  readonly playback: PlaybackService;
  /** The user's desktop choices, and what the OS made of them. */
  readonly preferences: PreferencesStore;
  readonly desktop: DesktopStatusHub;
  /** The embedded simulator that demo mode plays against. */
  readonly simulator: Simulator;
  isDemo(): boolean;
  /** Where demo mode serves album art (the simulator on loopback), or null outside demo mode. */
  demoArtOrigin(): string | null;
  setVisibility(visibility: Visibility): void;
  /** The system resumed, the network came back, or a window was shown: look now. */
  wake(): void;
  handleProtocolUrl(url: string): void;
  dispose(): Promise<void>;
}

/**
 * Builds sign-in and playback over the given platform. With no Client ID they run against an embedded
 * simulator (demo mode) through the same code: PKCE, vault, refresh, Web API client, refresh policy.
 */
export async function createServices(config: ServicesConfig): Promise<Services> {
  const { clock, logger } = config;
  // Demo mode's Spotify, called in process. It listens on loopback (for album art) only while demo mode is on:
  // it auto-approves sign-ins, so it must not sit on a port beside a real account. Same limits and Host
  // allow-list as every loopback listener (DNS rebinding, socket exhaustion).
  const simulator = createSimulator({
    now: () => clock.now(),
    controlApi: false,
    scenario: { autoApprove: true, startPlaying: config.demoStartsIdle !== true },
  });
  const demoEndpoints = simulatorEndpoints(PLACEHOLDER_BASE_URL);
  let listening: { url: string; close(): Promise<void> } | null = null;
  let following: Promise<void> = Promise.resolve();
  const followMode = (): Promise<void> =>
    (following = following
      .then(async () => {
        const wanted = auth.mode() === 'demo';
        if (wanted && listening === null) listening = await simulator.listen(0, '127.0.0.1', { createServer: (listener) => createLimitedServer(listener), allowHost: isAllowedHost });
        else if (!wanted && listening !== null) {
          const open = listening;
          listening = null;
          await open.close();
        }
      })
      .catch((cause: unknown) => {
        logger.scope('demo').warn('demo art server', { error: cause instanceof Error ? cause.message : String(cause) });
      }));

  const preferences = new PreferencesStore(config.store, logger.scope('preferences'));
  const desktop = new DesktopStatusHub(config.shell, logger.scope('desktop'));
  const settings = new SettingsStore(config.store, { buildClientId: config.buildClientId ?? null, logger: logger.scope('settings') });
  const auth = new AuthService({
    clock,
    logger: logger.scope('auth'),
    secrets: logger,
    http: config.fetch,
    endpoints: config.endpointsOverride ?? undefined,
    demo: { clientId: DEMO_CLIENT_ID, endpoints: demoEndpoints, http: (url, init) => simulator.fetch(url, init) },
    settings,
    store: config.store,
    cipher: config.cipher,
    browser: config.browser,
    protocol: config.protocol,
    power: config.power,
    plaintextConsent: config.plaintextConsent,
  });
  const api = new WebApiClient({
    // The base follows the mode: the simulator in demo mode, Spotify once a Client ID is set.
    apiBaseUrl: () => auth.endpoints().apiBaseUrl,
    fetch: auth.authorizedFetch,
    clock,
    timeoutMs: config.requestTimeoutMs ?? 10_000,
  });
  const playback = new PlaybackService({ api, tokens: auth, clock, logger: logger.scope('playback') });

  // Another account, or none: playback forgets the old one and looks again at once.
  const accountOf = (): string => JSON.stringify([auth.mode(), auth.state().kind]);
  let lastAccount = accountOf();
  const offAuth = auth.onChange(() => {
    void followMode();
    const account = accountOf();
    if (account === lastAccount) return;
    lastAccount = account;
    const kind = auth.state().kind;
    // Waiting for the browser changes nothing yet: the session in use (if any) goes on until replaced.
    if (kind !== 'authorizing') playback.accountChanged(kind === 'signedIn' || kind === 'demo');
  });
  const offPower = [
    config.power.onResume(() => playback.wake('resume')),
    config.power.onUnlock(() => playback.wake('resume')),
    config.power.onOnline(() => playback.wake('online')),
  ];

  await followMode();
  await auth.start();
  playback.start();

  return {
    auth,
    playback,
    preferences,
    desktop,
    simulator,
    isDemo: () => auth.mode() === 'demo',
    demoArtOrigin: () => (auth.mode() === 'demo' ? (listening?.url ?? null) : null),
    setVisibility: (visibility) => playback.setVisibility(visibility),
    wake: () => playback.wake('window-shown'),
    handleProtocolUrl: (url) => auth.handleProtocolUrl(url),
    dispose: async () => {
      offAuth();
      offPower.forEach((off) => off());
      playback.stop();
      auth.dispose();
      await following;
      await listening?.close();
      listening = null;
    },
  };
}
