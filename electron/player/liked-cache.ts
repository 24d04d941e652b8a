/**
 * Whether tracks are in the user's library, checked with `/me/library/contains` when a track starts showing,
 * not on every poll. Our own like/unlike updates it directly. Answers older than `maxAgeMs` are checked again
 * the next time the track shows (it may have been liked in the Spotify app meanwhile). Bounded (LRU).
 */
export class LikedCache {
  private readonly known = new Map<string, { readonly liked: boolean; readonly at: number; readonly version: number }>();
  /** Lookups out, with the cache's version when each left: an answer older than a later `set` is ignored. */
  private readonly inFlight = new Map<string, number>();
  private version = 0;

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
    this.version += 1;
    this.known.set(uri, { liked, at: now, version: this.version });
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
    this.inFlight.set(uri, this.version);
    return true;
  }

  /** Ends a lookup; `liked` null when it failed (the next observation of the track may try again). */
  public endLookup(uri: string, liked: boolean | null, now: number): void {
    const startedAt = this.inFlight.get(uri);
    // Not ours (the cache was cleared meanwhile): the answer belongs to a session that is gone.
    if (startedAt === undefined) return;
    this.inFlight.delete(uri);
    const entry = this.known.get(uri);
    // The user liked or unliked while the lookup was out: that is newer than the answer.
    if (entry !== undefined && entry.version > startedAt) return;
    if (liked !== null) this.set(uri, liked, now);
  }

  public clear(): void {
    this.known.clear();
    this.inFlight.clear();
  }
}
