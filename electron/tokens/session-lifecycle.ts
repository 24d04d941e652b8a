import type { TokenSet } from './token-set';

/** Where a session's tokens are made durable; the session store in the app. Neither call may throw. */
export interface SessionWrites {
  /** Writes (or, where policy keeps sessions in memory only, erases) the token set. */
  write(tokens: TokenSet): Promise<void>;
  /** Removes the session and any set-aside copy of it from disk. */
  erase(): void;
}

/**
 * One session's life in memory and on disk. Every write and wipe goes through one queue, in order, and every
 * write belongs to an epoch: `drop()` (sign-out, session ended, Client ID change) starts a new epoch, so a
 * write of an older one is skipped, and the wipe is queued behind a write already under way. Sign-out
 * therefore always wins, and no older blob can land after a newer one.
 */
export class SessionLifecycle {
  private epochNow = 0;
  /** What requests use: durable (or as durable as policy allows). */
  private inUse: TokenSet | null = null;
  /** The newest token set of this epoch, possibly still being written: each write writes this. */
  private newest: TokenSet | null = null;
  /** Counts commits, so the last one is known even after `amend` replaced `newest` with a patched copy. */
  private commits = 0;
  private queue: Promise<void> = Promise.resolve();

  public constructor(private readonly writes: SessionWrites) {}

  /** Changes whenever the session is replaced or dropped. */
  public epoch(): number {
    return this.epochNow;
  }

  public current(): TokenSet | null {
    return this.inUse;
  }

  /** The newest token set of the session, for building the next one (keeps details amended meanwhile). */
  public latest(): TokenSet | null {
    return this.newest;
  }

  /** A session read back from disk: it is durable already, so it is in use at once. */
  public adopt(tokens: TokenSet): void {
    this.epochNow += 1;
    this.inUse = tokens;
    this.newest = tokens;
  }

  /**
   * A new session (sign-in) replacing whatever was there. Resolves true once it is durable and in use; false
   * when a drop came in during the write. (Abandoning the attempt before this is the sign-in's own business.)
   */
  public async replace(tokens: TokenSet): Promise<boolean> {
    this.epochNow += 1;
    this.newest = tokens;
    return this.commit(tokens, this.epochNow);
  }

  /**
   * Write-ahead for the same session (a refresh): disk first, then in use. False when the epoch moved on
   * before or during the write; the caller must then not use the tokens.
   */
  public async commit(tokens: TokenSet, epoch: number): Promise<boolean> {
    if (epoch !== this.epochNow) return false;
    const commit = ++this.commits;
    this.newest = tokens;
    await this.enqueue();
    // Dropped (sign-out) while the write was under way: the caller must not use these tokens.
    if (epoch !== this.epochNow) return false;
    // A newer commit of the same epoch puts itself in use when its own write is done. `newest` rather than
    // `tokens`: it carries any details amended during the write (written by the amend's own queued write).
    if (commit === this.commits) this.inUse = this.newest;
    return true;
  }

  /** Non-secret details (the account name): shown at once, written behind any write under way. */
  public amend(patch: Pick<TokenSet, 'account'>): TokenSet | null {
    if (this.inUse) this.inUse = { ...this.inUse, ...patch };
    if (this.newest) this.newest = { ...this.newest, ...patch };
    if (this.newest) void this.enqueue();
    return this.inUse;
  }

  /** Writes the session again under the current policy (the user opted in or out of plaintext storage). */
  public rewrite(): Promise<void> {
    return this.newest ? this.enqueue() : Promise.resolve();
  }

  /** Ends the session: memory now, disk right after any write under way. */
  public drop(): void {
    this.epochNow += 1;
    this.inUse = null;
    this.newest = null;
    this.queue = this.queue.then(() => {
      try {
        this.writes.erase();
      } catch {
        // The store reports its own failures; the queue must go on.
      }
    });
  }

  /** Resolves when every queued write and wipe has finished (tests, shutdown). */
  public settled(): Promise<void> {
    return this.queue;
  }

  /**
   * Queues a write of whatever is newest when its turn comes: nothing after a drop (its wipe is queued
   * behind), the newest set of the session otherwise — never the caller's older copy.
   */
  private enqueue(): Promise<void> {
    this.queue = this.queue.then(async () => {
      const tokens = this.newest;
      if (tokens !== null) await this.writes.write(tokens).catch(() => undefined);
    });
    return this.queue;
  }
}
