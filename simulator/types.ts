// Public types of the Spotify simulator. Other packages code against these: change them compatibly.

import type { ListenOptions } from './http/node-server';

export interface SimulatorOptions {
  /** Wall clock in ms; default Date.now. The simulator keeps no timers: the world is computed from now() on each request. */
  now?: () => number;
  /** Extra registered clients; the demo client (DEMO_CLIENT_ID) always exists. */
  clients?: ReadonlyArray<{ clientId: string; redirectUris: readonly string[] }>;
  scenario?: Partial<Scenario>;
  /** Control API mounted under /__control; default true. Demo mode passes false. */
  controlApi?: boolean;
  /** Seeds the world (catalogue, shuffle order). Tokens always come from crypto. */
  seed?: number;
  /** How injected latency waits; default setTimeout. Tests may pass an instant or recorded sleep. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Scenario {
  product: 'premium' | 'free';
  /** false (default): the 2026 behaviour, refresh responses carry no refresh_token and the old one keeps working. */
  rotateRefreshTokens: boolean;
  /** true: GET /authorize redirects at once as if Approve was clicked. */
  autoApprove: boolean;
  /** Requests per rolling 30 s window on /v1; null: no limit. */
  rateLimitPer30s: number | null;
  /** Total /v1 requests before 429 QUOTA_EXCEEDED; null: no quota. */
  quota: number | null;
  accessTokenLifetimeSec: number;
  refreshTokenLifetimeMs: number;
  latencyMs: number;
  /**
   * How long after its answer a player command shows in reads (`GET /me/player`, devices, queue): Spotify
   * answers 204 at once and applies the command a few hundred ms later. Default 300; 0: at once.
   */
  commandLagMs: number;
  accountName: string;
  /** The world starts with the computer active and a track playing (default true); false: nothing active (204). */
  startPlaying: boolean;
  /**
   * true: play, pause and add-to-queue answer 200 with a short opaque text body instead of 204, as Spotify has
   * done since July 2024 (facts §4.1). Default false.
   */
  quirkyCommandBodies: boolean;
  /**
   * false: the user is not in the app's User Management list (development mode). Sign-in still works, but every
   * /v1 call answers 403 `User not registered in the Developer Dashboard` (facts §3.2). Default true.
   */
  userAllowListed: boolean;
  /**
   * false: the app's owner has no Premium (2026 development-mode rule). Sign-in still works, but every /v1 call
   * answers 403 `Active premium subscription required for the owner of the app. …` (facts §3.2). Default true.
   */
  ownerPremium: boolean;
}

export type ExternalAction =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'seek'; positionMs: number }
  | { type: 'transfer'; deviceId: string; play?: boolean }
  | { type: 'play'; contextUri?: string; uris?: string[]; offset?: number; positionMs?: number; deviceId?: string }
  | { type: 'shuffle'; state: boolean }
  | { type: 'repeat'; state: RepeatState }
  | { type: 'volume'; percent: number }
  | { type: 'privateSession'; deviceId: string; on: boolean }
  | { type: 'disconnect' };

export type RepeatState = 'off' | 'track' | 'context';
export type PlayingKind = 'track' | 'episode' | 'ad' | 'local' | 'nothing';

export interface Fault {
  /** Extra latency on every request until cleared (0 clears). */
  latencyMs?: number;
  /** The next `count` API requests answer with `status` (default 503). */
  serverErrors?: { count: number; status?: number };
  /** The next `count` requests fail at the connection level. */
  resets?: number;
  /** The next `count` API requests answer 429 with Retry-After. */
  rateLimitStorm?: { retryAfterSec: number; count: number };
  /** Every API request answers 429 QUOTA_EXCEEDED until cleared. */
  quotaExhausted?: boolean;
  /** The next `count` API calls made with a token from a refresh answer 401 "Access token missing". */
  unauthorizedAfterRefresh?: number;
  /** Which requests the one-shot faults hit: 'api' (/v1, default), 'accounts' (/authorize, /api/token) or 'all'. */
  target?: 'api' | 'accounts' | 'all';
}

export interface SimEvent {
  /** Simulator time (ms) when the change happened, exact even when computed lazily. */
  at: number;
  kind: 'track-change' | 'paused' | 'resumed' | 'seek' | 'transfer' | 'stopped' | 'settings' | 'volume' | 'session';
  /** Who caused it: the Web API, an external device action, or the playback clock. */
  source: 'api' | 'external' | 'clock' | 'control';
  itemUri: string | null;
  detail?: string;
}

export interface TrackBoundary {
  at: number;
  fromUri: string | null;
  toUri: string | null;
}

export interface DeviceState {
  id: string;
  name: string;
  type: string;
  isActive: boolean;
  isRestricted: boolean;
  isPrivateSession: boolean;
  supportsVolume: boolean;
  volumePercent: number | null;
}

export interface WorldState {
  now: number;
  kind: PlayingKind;
  itemUri: string | null;
  itemName: string | null;
  durationMs: number | null;
  progressMs: number;
  isPlaying: boolean;
  contextUri: string | null;
  shuffle: boolean;
  repeat: RepeatState;
  activeDeviceId: string | null;
  devices: DeviceState[];
  queue: string[];
  saved: string[];
  product: 'premium' | 'free';
}

export interface SimulatorControl {
  setScenario(partial: Partial<Scenario>): void;
  scenario(): Scenario;
  /** Moves simulator time forward (adds to now()); works with real and manual clocks. */
  advanceClock(ms: number): void;
  /** Something done on another device (the user's phone): not counted, not rate-limited. */
  externalAction(action: ExternalAction): void;
  setPlaying(kind: PlayingKind): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** The user revokes the app in their account page: refresh and access tokens stop working. */
  revokeGrant(): void;
  /** Every refresh token reaches its 6-month end now. */
  expireRefreshTokens(): void;
  counters(): Record<string, number>;
  resetCounters(): void;
  /** Plays the browser: loads the consent page, clicks Approve, returns the redirect Location. */
  approve(authorizeUrl: string): Promise<string>;
  /** Same, clicking Cancel. */
  deny(authorizeUrl: string): Promise<string>;
  state(): WorldState;
  events(): SimEvent[];
  onEvent(listener: (event: SimEvent) => void): () => void;
  /** Exact times at which the current item would change between from and to (ms), assuming nobody acts. */
  trackBoundaries(from: number, to: number): TrackBoundary[];
}

export interface Simulator {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  readonly baseUrl: string;
  /** `options`: an embedder's server factory and Host allow-list (see ListenOptions). */
  listen(port?: number, host?: string, options?: ListenOptions): Promise<{ url: string; close(): Promise<void> }>;
  readonly control: SimulatorControl;
}
