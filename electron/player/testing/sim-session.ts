import { createHash, randomBytes } from 'node:crypto';

import { err, ok } from '../../../shared/result';
import { createSimulator, DEMO_CLIENT_ID, type Scenario, type Simulator } from '../../../simulator/index';
import type { AccessTokenSource, TokenResult } from '../../ports/access-token';
import type { HttpFetch } from '../../ports/http';
import { WebApiClient } from '../../spotify/web-api-client';
import { createAuthorizedFetch, type AuthorizedFetch } from '../../tokens/authorized-fetch';
import type { ManualClock } from '../../testing/manual-clock';
import { PlaybackService } from '../playback-service';
import type { Visibility } from '../refresh-policy';

// Test-only stand-ins for the token lifecycle: a PKCE sign-in against the simulator and a token source that
// refreshes on demand, under the app's own authorized fetch.

const REDIRECT_URI = 'trayplay://callback';
const SCOPES = [
  'user-read-playback-state',
  'user-modify-playback-state',
  'user-read-currently-playing',
  'user-library-read',
  'user-library-modify',
];

export interface SimTokens {
  accessToken: string;
  refreshToken: string;
}

/** Signs in as the simulator's user: authorize, approve, exchange the code. */
export async function signIn(sim: Simulator): Promise<SimTokens> {
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  const url = new URL(`${sim.baseUrl}/authorize`);
  url.search = new URLSearchParams({
    client_id: DEMO_CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    code_challenge_method: 'S256',
    code_challenge: challenge,
    scope: SCOPES.join(' '),
    state: 'test-state',
  }).toString();
  const location = await sim.control.approve(url.toString());
  const code = new URL(location).searchParams.get('code');
  if (code === null) throw new Error(`sign-in failed: ${location}`);
  const response = await sim.fetch(`${sim.baseUrl}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: DEMO_CLIENT_ID,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await response.json()) as { access_token?: string; refresh_token?: string };
  if (!body.access_token || !body.refresh_token) throw new Error(`token exchange failed: ${response.status}`);
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}

/** A token source over the simulator; `signOut()` makes it answer `not_signed_in`. */
export class SimTokenSource implements AccessTokenSource {
  public refreshes = 0;
  private tokens: SimTokens | null;

  public constructor(
    private readonly sim: Simulator,
    tokens: SimTokens | null,
  ) {
    this.tokens = tokens;
  }

  public signOut(): void {
    this.tokens = null;
  }

  public setTokens(tokens: SimTokens): void {
    this.tokens = tokens;
  }

  public getAccessToken(): Promise<TokenResult> {
    return Promise.resolve(
      this.tokens ? ok(this.tokens.accessToken) : err('not_signed_in', 'Not signed in'),
    );
  }

  public async refreshAfterUnauthorized(staleToken: string): Promise<TokenResult> {
    if (!this.tokens) return err('not_signed_in', 'Not signed in');
    if (this.tokens.accessToken !== staleToken) return ok(this.tokens.accessToken);
    this.refreshes += 1;
    const response = await this.sim.fetch(`${this.sim.baseUrl}/api/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.tokens.refreshToken, client_id: DEMO_CLIENT_ID }).toString(),
    });
    const body = (await response.json()) as { access_token?: string; refresh_token?: string };
    if (!body.access_token) return err('auth_failed', 'Refresh failed');
    this.tokens = { accessToken: body.access_token, refreshToken: body.refresh_token ?? this.tokens.refreshToken };
    return ok(this.tokens.accessToken);
  }
}

/** The app's authorized fetch over the simulator and a token source (Bearer header; 401 → one forced refresh → one retry). */
export function authorizedFetch(inner: HttpFetch, tokens: AccessTokenSource): AuthorizedFetch {
  return createAuthorizedFetch(tokens, () => inner);
}

export interface RecordedRequest {
  readonly at: number;
  readonly method: string;
  readonly path: string;
}

export interface SimHarness {
  readonly sim: Simulator;
  readonly tokens: SimTokenSource;
  readonly client: WebApiClient;
  readonly service: PlaybackService;
  /** Every Web API request the client sent, in order. */
  readonly requests: RecordedRequest[];
}

/** A signed-in simulator, client and service sharing one clock. The service is not started. */
export async function createSimHarness(options: {
  readonly clock: ManualClock;
  readonly scenario?: Partial<Scenario>;
  readonly seed?: number;
  readonly visibility?: Visibility;
  readonly timeoutMs?: number;
  readonly signedIn?: boolean;
}): Promise<SimHarness> {
  const { clock } = options;
  const sim = createSimulator({
    now: () => clock.now(),
    scenario: options.scenario ?? {},
    seed: options.seed ?? 7,
    // Injected latency waits on the same clock as everything else.
    sleep: (ms) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms)),
  });
  const tokens = new SimTokenSource(sim, options.signedIn === false ? null : await signIn(sim));
  const requests: RecordedRequest[] = [];
  const client = new WebApiClient({
    apiBaseUrl: `${sim.baseUrl}/v1`,
    fetch: authorizedFetch((url, init) => sim.fetch(url, init), tokens),
    clock,
    timeoutMs: options.timeoutMs ?? 5_000,
    onRequest: (method, path) => requests.push({ at: clock.now(), method, path }),
  });
  const service = new PlaybackService({ api: client, tokens, clock, visibility: options.visibility ?? 'window' });
  return { sim, tokens, client, service, requests };
}
