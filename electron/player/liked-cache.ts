/**
 * Whether tracks are in the user's library, checked with `/me/library/contains` when a track starts showing,
 * not on every poll. Our own like/unlike updates it directly. Answers older than `maxAgeMs` are checked again
 * the next time the track shows (it may have been liked in the Spotify app meanwhile). Bounded (LRU).
 */
export class LikedCache {
  private readonly known = new Map<string, { readonly liked: boolean; readonly at: number }>();
  private readonly inFlight = new Set<string>();

  public constructor(
    private readonly capacity = 500,
    private readonly maxAgeMs = 60 * 60_000,
  ) {}

  public get(uri: string): boolean | null {
    const entry = this.known.get(uri);
    if (entry === undefined) return null;
    // Refresh recency.
    this.known.delete(uri);
    this.known.set(uri, entry);
    return entry.liked;
  }

  public set(uri: string, liked: boolean, now: number): void {
    this.known.delete(uri);
    this.known.set(uri, { liked, at: now });
    while (this.known.size > this.capacity) {
      const oldest = this.known.keys().next();
      if (oldest.done) break;
      this.known.delete(oldest.value);
    }
  }

  /** True when a lookup should be sent now (unknown or stale, and not already being looked up); marks it started. */
  public beginLookup(uri: string, now: number): boolean {
    const entry = this.known.get(uri);
    if (this.inFlight.has(uri) || (entry !== undefined && now - entry.at < this.maxAgeMs)) return false;
    this.inFlight.add(uri);
    return true;
  }

  /** Ends a lookup; `liked` null when it failed (the next observation of the track may try again). */
  public endLookup(uri: string, liked: boolean | null, now: number): void {
    this.inFlight.delete(uri);
    if (liked !== null) this.set(uri, liked, now);
  }

  public clear(): void {
    this.known.clear();
    this.inFlight.clear();
  }
}
