import type { ClientRegistry } from './accounts/clients';
import type { GrantStore } from './accounts/grants';
import type { Fault, Scenario } from './types';
import type { Catalogue } from './world/catalogue';
import type { Playback } from './world/playback';

/** A consent page waiting for Approve or Cancel. */
export interface PendingConsent {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  challenge: string;
  scopes: string[];
  createdAt: number;
}

/** Faults in force: one-shot counters and standing switches. */
export interface FaultState {
  latencyMs: number;
  serverErrors: { count: number; status: number; target: NonNullable<Fault['target']> };
  resets: { count: number; target: NonNullable<Fault['target']> };
  rateLimitStorm: { count: number; retryAfterSec: number; target: NonNullable<Fault['target']> };
  quotaExhausted: boolean;
  unauthorizedAfterRefresh: number;
}

export function noFaults(): FaultState {
  return {
    latencyMs: 0,
    serverErrors: { count: 0, status: 503, target: 'api' },
    resets: { count: 0, target: 'api' },
    rateLimitStorm: { count: 0, retryAfterSec: 1, target: 'api' },
    quotaExhausted: false,
    unauthorizedAfterRefresh: 0,
  };
}

/** Everything a route needs; one per simulator. */
export interface SimContext {
  now(): number;
  scenario: Scenario;
  baseUrl(): string;
  clients: ClientRegistry;
  grants: GrantStore;
  catalogue: Catalogue;
  playback: Playback;
  /** The user's library (URIs), in the order they were added. */
  saved: Set<string>;
  /** When each URI was added (GET /me/tracks `added_at`). */
  savedAt: Map<string, number>;
  consents: Map<string, PendingConsent>;
  faults: FaultState;
  /** Times of /v1 requests in the rolling 30 s window. */
  window: number[];
  /** /v1 requests counted against the quota. */
  quotaUsed: number;
}
