// Shared by the auth tests and the soak: a simulator, a manual clock, fakes for every Electron port, and
// a service wired like the app's.
import { createSimulator, DEMO_CLIENT_ID, type Simulator } from '../../simulator/index';
import { FileStore } from '../adapters/file-store';
import { MemoryStore } from '../adapters/memory-store';
import { TestOnlyCipher } from '../adapters/test-cipher';
import { memorySink, RootLogger } from '../logging/logger';
import type { Browser } from '../ports/browser';
import type { Cipher } from '../ports/cipher';
import type { HttpFetch } from '../ports/http';
import type { KeyValueStore } from '../ports/key-value-store';
import type { PlaintextConsent } from '../ports/plaintext-consent';
import type { PowerEvents } from '../ports/power-events';
import type { ProtocolRegistrar } from '../ports/protocol-registrar';
import { SettingsStore } from '../settings/settings-store';
import { ManualClock } from './manual-clock';
import type { RefreshStep } from '../tokens/token-keeper';

import { AuthService } from '../auth/auth-service';
import { simulatorEndpoints } from '../auth/endpoints';

/** A Client ID registered with the simulator, as a user would register their own app. */
export const TEST_CLIENT_ID = '0123456789abcdef0123456789abcdef';

export function fakeBrowser(): Browser & { readonly opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    open: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
  };
}

export function fakePower(): { power: PowerEvents; emit: (kind: 'resume' | 'unlock' | 'online') => void } {
  const handlers = { resume: new Set<() => void>(), unlock: new Set<() => void>(), online: new Set<() => void>() };
  const sub =
    (set: Set<() => void>) =>
    (cb: () => void): (() => void) => {
      set.add(cb);
      return () => set.delete(cb);
    };
  return {
    power: { onResume: sub(handlers.resume), onUnlock: sub(handlers.unlock), onOnline: sub(handlers.online) },
    emit: (kind) => handlers[kind].forEach((cb) => cb()),
  };
}

export const protocolRegistrar = (ok: boolean): ProtocolRegistrar => ({
  register: () => (ok ? { ok: true, value: null } : { ok: false, error: 'trayplay:// links are not available here' }),
});

export interface KitOptions {
  readonly clock?: ManualClock;
  readonly sim?: Simulator;
  /** A folder: the store is a JSON file in it (restart-from-disk tests); absent: in memory. */
  readonly dir?: string;
  readonly store?: KeyValueStore;
  readonly cipher?: Cipher;
  readonly protocolOk?: boolean;
  readonly clientId?: string | null;
  readonly demo?: boolean;
  readonly redirectMode?: 'protocol' | 'loopback';
  readonly refreshStep?: (step: RefreshStep) => Promise<void>;
  /** Wraps the simulator's fetch (outages in the soak, request capture). */
  readonly wrapFetch?: (inner: HttpFetch) => HttpFetch;
  readonly random?: () => number;
  readonly plaintextConsent?: PlaintextConsent;
}

export interface Kit {
  readonly clock: ManualClock;
  readonly sim: Simulator;
  readonly store: KeyValueStore;
  readonly cipher: Cipher;
  readonly logger: RootLogger;
  readonly lines: string[];
  readonly browser: ReturnType<typeof fakeBrowser>;
  readonly power: ReturnType<typeof fakePower>;
  readonly settings: SettingsStore;
  readonly service: AuthService;
  /** Every state the service pushed, as JSON (the renderer's view). */
  readonly pushed: string[];
}

export function createSim(clock: ManualClock, scenario: Parameters<typeof createSimulator>[0] = {}): Simulator {
  return createSimulator({
    ...scenario,
    now: () => clock.now(),
    clients: [{ clientId: TEST_CLIENT_ID, redirectUris: ['trayplay://callback', 'http://127.0.0.1/callback'] }],
    sleep: () => Promise.resolve(),
  });
}

export function createKit(options: KitOptions = {}): Kit {
  const clock = options.clock ?? new ManualClock();
  const sim = options.sim ?? createSim(clock, options.demo ? { scenario: { autoApprove: true }, controlApi: false } : {});
  const { sink, lines } = memorySink();
  const logger = new RootLogger({ sink, minLevel: 'debug', now: () => clock.now() });
  const store = options.store ?? (options.dir ? new FileStore(`${options.dir}/trayplay.json`) : new MemoryStore());
  const cipher = options.cipher ?? new TestOnlyCipher();
  const settings = new SettingsStore(store, { logger: logger.scope('settings') });
  const clientId = options.clientId === undefined ? TEST_CLIENT_ID : options.clientId;
  if (clientId !== null && settings.values().clientId !== clientId) settings.setClientId(clientId);
  if (options.redirectMode) settings.setRedirectMode(options.redirectMode);
  const http: HttpFetch = options.wrapFetch ? options.wrapFetch((url, init) => sim.fetch(url, init)) : (url, init) => sim.fetch(url, init);
  const endpoints = simulatorEndpoints(sim.baseUrl);
  const browser = fakeBrowser();
  const power = fakePower();
  const service = new AuthService({
    clock,
    logger: logger.scope('auth'),
    secrets: logger,
    http,
    endpoints,
    demo: options.demo ? { clientId: DEMO_CLIENT_ID, endpoints, http } : null,
    settings,
    store,
    cipher,
    browser,
    protocol: protocolRegistrar(options.protocolOk ?? true),
    power: power.power,
    random: options.random,
    plaintextConsent: options.plaintextConsent,
    refreshStep: options.refreshStep,
  });
  const pushed: string[] = [];
  service.onChange(() => pushed.push(JSON.stringify({ auth: service.state(), authSettings: service.settings() })));
  return { clock, sim, store, cipher, logger, lines, browser, power, settings, service, pushed };
}

/** Plays the user in the browser for the last opened authorize URL: approve, and return the redirect. */
export async function approveInBrowser(kit: Kit): Promise<string> {
  const url = kit.browser.opened.at(-1);
  if (url === undefined) throw new Error('the browser was never opened');
  return kit.sim.control.approve(url);
}

/** A full sign-in through the custom scheme. */
export async function signInViaProtocol(kit: Kit): Promise<void> {
  const started = await kit.service.signIn();
  if (!started.ok) throw new Error(`sign-in did not start: ${started.error.message}`);
  kit.service.handleProtocolUrl(await approveInBrowser(kit));
  await kit.service.settled();
}
