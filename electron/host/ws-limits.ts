import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bounds on what one WebSocket peer can make the host do. Defaults suit one or two browser tabs. */
export interface WsLimits {
  /** Pages connected at once; more are refused at the upgrade (503). */
  readonly maxConnections: number;
  /** Token bucket per socket: burst size and frames per second it refills at. */
  readonly burst: number;
  readonly perSecond: number;
  /** Calls one socket may have waiting for an answer; more get `rate_limited` at once. */
  readonly maxInFlight: number;
  /** Frames refused in a row before the socket is closed (1008): a flood, not a busy page. */
  readonly maxRefusedInRow: number;
  /** Unsent bytes queued to one socket before it is dropped (a peer that does not read). */
  readonly maxBufferedBytes: number;
  /** Refused upgrades written to the log per minute; the rest are counted in one line the next minute. */
  readonly refusalLogsPerMinute: number;
}

export const DEFAULT_WS_LIMITS: WsLimits = {
  maxConnections: 8,
  burst: 200,
  perSecond: 100,
  maxInFlight: 32,
  maxRefusedInRow: 500,
  maxBufferedBytes: 1024 * 1024,
  refusalLogsPerMinute: 20,
};

/** A token bucket on an injected clock (tests use a manual one). */
export class TokenBucket {
  private tokens: number;
  private last: number;

  public constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  public take(): boolean {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.perSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The per-launch secret a page must present on the upgrade: 256 random bits, URL-safe. */
export function newLaunchSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison (of digests, so lengths do not leak either). */
export function secretMatches(presented: string | null, expected: string): boolean {
  if (presented === null || presented.length > 200) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The `key` query parameter of an upgrade target (`/contract?key=…`), or null. */
export function presentedKey(target: string | undefined): string | null {
  if (target === undefined) return null;
  const query = target.indexOf('?');
  if (query === -1) return null;
  return new URLSearchParams(target.slice(query + 1)).get('key');
}
