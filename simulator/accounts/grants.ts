import { randomToken } from '../pkce';

// Authorization codes, grants and tokens. A grant is one user authorization of one client; its
// refresh-token lifetime counts from that moment (facts §1.7) and refreshing never extends it.

export const SCOPES = new Set([
  'ugc-image-upload', 'user-read-playback-state', 'user-modify-playback-state', 'user-read-currently-playing',
  'app-remote-control', 'streaming', 'playlist-read-private', 'playlist-read-collaborative', 'playlist-modify-private',
  'playlist-modify-public', 'user-follow-modify', 'user-follow-read', 'user-read-playback-position', 'user-top-read',
  'user-read-recently-played', 'user-library-modify', 'user-library-read', 'user-read-email', 'user-read-private',
  'user-personalized', 'user-soa-link', 'user-soa-unlink', 'soa-manage-entitlements', 'soa-manage-partner', 'soa-create-partner',
]);

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 50_000;

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface Grant {
  id: number;
  clientId: string;
  scopes: string[];
  authorizedAt: number;
  refreshExpiresAt: number;
  revoked: boolean;
}

export interface AccessToken {
  grant: Grant;
  expiresAt: number;
  fromRefresh: boolean;
}

interface RefreshToken {
  grant: Grant;
  revoked: boolean;
}

export class GrantStore {
  private readonly codes = new Map<string, AuthCode>();
  private readonly grants: Grant[] = [];
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private nextGrantId = 1;

  issueCode(code: Omit<AuthCode, 'used'>): string {
    const value = randomToken('AQ', 96);
    prune(this.codes, (c) => c.used || c.expiresAt < code.expiresAt - CODE_LIFETIME_MS);
    this.codes.set(value, { ...code, used: false });
    return value;
  }

  code(value: string): AuthCode | undefined {
    return this.codes.get(value);
  }

  createGrant(clientId: string, scopes: string[], now: number, refreshLifetimeMs: number): Grant {
    const grant: Grant = { id: this.nextGrantId++, clientId, scopes, authorizedAt: now, refreshExpiresAt: now + refreshLifetimeMs, revoked: false };
    this.grants.push(grant);
    return grant;
  }

  issueAccess(grant: Grant, now: number, lifetimeSec: number, fromRefresh: boolean): string {
    const token = randomToken('BQ', 96);
    prune(this.access, (t) => t.expiresAt < now || t.grant.revoked);
    this.access.set(token, { grant, expiresAt: now + lifetimeSec * 1000, fromRefresh });
    return token;
  }

  issueRefresh(grant: Grant): string {
    const token = randomToken('AQ', 96);
    prune(this.refresh, (t) => t.revoked || t.grant.revoked);
    this.refresh.set(token, { grant, revoked: false });
    return token;
  }

  accessToken(value: string): AccessToken | undefined {
    return this.access.get(value);
  }

  refreshToken(value: string): RefreshToken | undefined {
    return this.refresh.get(value);
  }

  revokeRefresh(value: string): void {
    const token = this.refresh.get(value);
    if (token) token.revoked = true;
  }

  /** The user removes the app from their account: every grant ends, access tokens included. */
  revokeAll(): void {
    for (const grant of this.grants) grant.revoked = true;
  }

  expireRefreshTokens(now: number): void {
    for (const grant of this.grants) grant.refreshExpiresAt = Math.min(grant.refreshExpiresAt, now);
  }
}

/** Bounded maps: when full, drop dead entries first, then the oldest. */
function prune<V>(map: Map<string, V>, dead: (value: V) => boolean): void {
  if (map.size < MAX_ENTRIES) return;
  for (const [key, value] of map) if (dead(value)) map.delete(key);
  while (map.size >= MAX_ENTRIES) {
    const first = map.keys().next();
    if (first.done) break;
    map.delete(first.value);
  }
}
