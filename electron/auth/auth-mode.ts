import type { HttpFetch } from '../ports/http';
import type { SettingsStore } from '../settings/settings-store';

import { SPOTIFY_ENDPOINTS, type Endpoints } from './endpoints';

/** Demo mode: the embedded simulator stands in for Spotify, signed into automatically through the same code. */
export interface DemoConfig {
  readonly clientId: string;
  readonly endpoints: Endpoints;
  readonly http: HttpFetch;
}

export interface AuthModeDeps {
  readonly settings: SettingsStore;
  /** Requests to Spotify (global fetch in the app). */
  readonly http: HttpFetch;
  /** Spotify's endpoints; tests point them at a simulator. */
  readonly endpoints?: Endpoints;
  /** Used whenever no Client ID is configured; null: no demo (the user must enter one). */
  readonly demo?: DemoConfig | null;
}

/** Which Spotify the app talks to right now: the real one, or the simulator while no Client ID is set. */
export class AuthMode {
  public constructor(private readonly deps: AuthModeDeps) {}

  /** 'demo' when no Client ID is configured and a simulator was provided. */
  public mode(): 'demo' | 'spotify' {
    return this.deps.settings.effectiveClientId().clientId === null && this.deps.demo ? 'demo' : 'spotify';
  }

  /** The simulator's config while in demo mode, else null. */
  public demo(): DemoConfig | null {
    return this.mode() === 'demo' ? (this.deps.demo ?? null) : null;
  }

  public endpoints(): Endpoints {
    return this.demo()?.endpoints ?? this.deps.endpoints ?? SPOTIFY_ENDPOINTS;
  }

  /** Plain requests for the current mode (the simulator's in-process fetch in demo mode). */
  public http(): HttpFetch {
    return this.demo()?.http ?? this.deps.http;
  }
}
