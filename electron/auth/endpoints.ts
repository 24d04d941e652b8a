/** Where the accounts service and the Web API live: Spotify in production, the simulator in demo mode and tests. */
export interface Endpoints {
  readonly accountsBaseUrl: string;
  readonly apiBaseUrl: string;
}

export const SPOTIFY_ENDPOINTS: Endpoints = {
  accountsBaseUrl: 'https://accounts.spotify.com',
  apiBaseUrl: 'https://api.spotify.com/v1',
};

/** Endpoints of a simulator served at `baseUrl`. */
export function simulatorEndpoints(baseUrl: string): Endpoints {
  const base = baseUrl.replace(/\/+$/, '');
  return { accountsBaseUrl: base, apiBaseUrl: `${base}/v1` };
}

const trimmed = (url: string): string => url.replace(/\/+$/, '');

export const authorizeUrlOf = (e: Endpoints): string => `${trimmed(e.accountsBaseUrl)}/authorize`;
export const tokenUrlOf = (e: Endpoints): string => `${trimmed(e.accountsBaseUrl)}/api/token`;
export const meUrlOf = (e: Endpoints): string => `${trimmed(e.apiBaseUrl)}/me`;
