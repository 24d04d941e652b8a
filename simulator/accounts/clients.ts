// Registered clients and Spotify's 2025 redirect-URI rules (facts §2): exact match; loopback IP literals
// registered without a port accept any port; localhost and other plain-http URIs are insecure.

export const DEMO_CLIENT_ID = '5f3c9a1e7b2d4c6e8a0f1b3d5c7e9a2b';
export const DEMO_REDIRECT_URIS = ['trayplay://callback', 'http://127.0.0.1/callback'] as const;

export interface Client {
  clientId: string;
  redirectUris: readonly string[];
}

export type RedirectCheck = { ok: true } | { ok: false; page: 'INVALID_CLIENT: Invalid redirect URI' | 'INVALID_CLIENT: Insecure redirect URI' };

export class ClientRegistry {
  private readonly clients = new Map<string, Client>();

  constructor(extra: ReadonlyArray<Client> = []) {
    this.register({ clientId: DEMO_CLIENT_ID, redirectUris: [...DEMO_REDIRECT_URIS] });
    for (const client of extra) this.register(client);
  }

  register(client: Client): void {
    const existing = this.clients.get(client.clientId);
    const uris = new Set([...(existing?.redirectUris ?? []), ...client.redirectUris]);
    this.clients.set(client.clientId, { clientId: client.clientId, redirectUris: [...uris] });
  }

  get(clientId: string): Client | undefined {
    return this.clients.get(clientId);
  }

  checkRedirect(client: Client, redirectUri: string): RedirectCheck {
    const registered = client.redirectUris.find((r) => redirectMatches(r, redirectUri));
    if (registered === undefined) return { ok: false, page: 'INVALID_CLIENT: Invalid redirect URI' };
    if (!isSecureRedirect(redirectUri)) return { ok: false, page: 'INVALID_CLIENT: Insecure redirect URI' };
    return { ok: true };
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

function parse(uri: string): URL | null {
  try {
    return new URL(uri);
  } catch {
    return null;
  }
}

/** Exact match, except a loopback literal registered without a port matches any port. */
export function redirectMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const reg = parse(registered);
  const req = parse(requested);
  if (!reg || !req) return false;
  if (reg.protocol !== 'http:' || req.protocol !== 'http:') return false;
  if (!LOOPBACK_HOSTS.has(reg.hostname) || reg.hostname !== req.hostname) return false;
  if (reg.port !== '' || reg.username !== '' || req.username !== '' || reg.password !== '' || req.password !== '') return false;
  // Registered without a port: any port, everything else identical.
  return reg.pathname === req.pathname && reg.search === req.search && reg.hash === req.hash;
}

/** https, a custom scheme, or http on a loopback IP literal; never localhost or other http. */
export function isSecureRedirect(uri: string): boolean {
  const url = parse(uri);
  if (!url) return false;
  if (url.protocol === 'https:') return true;
  if (url.protocol === 'http:') return LOOPBACK_HOSTS.has(url.hostname);
  return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol);
}
