import { ClientRegistry } from './accounts/clients';
import { GrantStore } from './accounts/grants';
import { createControl } from './control/control';
import { createControlRoutes } from './control/routes';
import type { SimContext } from './context';
import { noFaults } from './context';
import { ArtCache } from './http/art';
import { listenNode } from './http/node-server';
import { ConnectionReset, createRouter } from './http/router';
import type { Scenario, Simulator, SimulatorOptions } from './types';
import { createCatalogue } from './world/catalogue';
import { defaultDevices } from './world/devices';
import { Playback } from './world/playback';
import { createRng } from './world/random';

// The Spotify simulator: accounts service, Web API, cover art and a control API, in one process,
// with no Electron. createSimulator() gives an in-process fetch; listen() serves it over HTTP.

export { DEMO_CLIENT_ID, DEMO_REDIRECT_URIS } from './accounts/clients';
export { pkceChallenge } from './pkce';
export { COMPUTER_ID, PHONE_ID, RESTRICTED_ID, SPEAKER_ID } from './world/devices';
export type {
  DeviceState,
  ExternalAction,
  Fault,
  PlayingKind,
  RepeatState,
  Scenario,
  SimEvent,
  Simulator,
  SimulatorControl,
  SimulatorOptions,
  TrackBoundary,
  WorldState,
} from './types';

export const DEFAULT_SCENARIO: Readonly<Scenario> = Object.freeze({
  product: 'premium',
  rotateRefreshTokens: false,
  autoApprove: false,
  rateLimitPer30s: null,
  quota: null,
  accessTokenLifetimeSec: 3600,
  refreshTokenLifetimeMs: 183 * 24 * 60 * 60 * 1000,
  latencyMs: 0,
  commandLagMs: 300,
  accountName: 'Demo Listener',
  startPlaying: true,
  quirkyCommandBodies: false,
  userAllowListed: true,
  ownerPremium: true,
});

export const PLACEHOLDER_BASE_URL = 'http://127.0.0.1:0';

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const clock = options.now ?? Date.now;
  let offset = 0;
  const now = (): number => clock() + offset;
  const seed = options.seed ?? 1;
  const scenario: Scenario = { ...DEFAULT_SCENARIO, ...options.scenario };
  const catalogue = createCatalogue(seed);
  let baseUrl = PLACEHOLDER_BASE_URL;

  const ctx: SimContext = {
    now,
    scenario,
    baseUrl: () => baseUrl,
    clients: new ClientRegistry(options.clients ?? []),
    grants: new GrantStore(),
    catalogue,
    playback: new Playback(catalogue, createRng(seed ^ 0x5eed), defaultDevices(), now(), scenario.startPlaying),
    saved: new Set(),
    savedAt: new Map(),
    consents: new Map(),
    faults: noFaults(),
    window: [],
    quotaUsed: 0,
  };
  const counters = new Map<string, number>();

  async function fetchInProcess(url: string, init?: RequestInit): Promise<Response> {
    const request = new Request(url, init);
    try {
      return await router(request);
    } catch (error) {
      if (error instanceof ConnectionReset) {
        // What undici's fetch throws when the peer resets the connection.
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
      }
      throw error;
    }
  }

  const control = createControl({
    ctx,
    counters,
    advance: (ms) => {
      offset += ms;
    },
    fetch: fetchInProcess,
  });
  const router = createRouter({
    ctx,
    art: new ArtCache(),
    counters,
    controlApi: options.controlApi ?? true,
    control: createControlRoutes(control),
    sleep: options.sleep ?? realSleep,
  });

  return {
    fetch: fetchInProcess,
    get baseUrl() {
      return baseUrl;
    },
    listen: (port = 0, host = '127.0.0.1', listenOptions = {}) =>
      listenNode(
        router,
        port,
        host,
        (url) => {
          baseUrl = url;
        },
        listenOptions,
      ),
    control,
  };
}
