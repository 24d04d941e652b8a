/**
 * A token bucket: `capacity` requests at once, refilled at `perSecond`. Control links come from other
 * programs; a script in a loop must not turn into a stream of Spotify requests.
 */
export class RateLimiter {
  private tokens: number;
  private last: number | null = null;

  public constructor(
    private readonly options: { readonly capacity: number; readonly perSecond: number },
    private readonly now: () => number,
  ) {
    this.tokens = options.capacity;
  }

  /** True if the request may go ahead (and uses a token). */
  public take(): boolean {
    const now = this.now();
    if (this.last !== null && now > this.last) {
      this.tokens = Math.min(this.options.capacity, this.tokens + ((now - this.last) / 1000) * this.options.perSecond);
    }
    // A clock set back refills nothing, and starts a fresh window: waiting for the old time would block
    // control links for as long as the clock went back.
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
