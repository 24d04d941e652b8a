import type { Logger } from '../logging/logger';

import { findControlRequest, parseControlLink } from './control-link';
import { RateLimiter } from './rate-limit';
import type { CommandSource, ShellCommand } from './shell-command';

export interface ControlInboxDeps {
  readonly now: () => number;
  readonly log: Logger;
  /** Default: 8 at once, then 4 per second. */
  readonly limit?: { readonly capacity: number; readonly perSecond: number };
}

export type ControlOutcome = 'ran' | 'queued' | 'rejected' | 'rateLimited' | 'closed' | 'none';

/** Waiting before ready: a cold start brings one command; a few more may arrive while starting. */
const MAX_WAITING = 4;

/** Refusals closer together than this are one burst: one warn line, then a count. */
export const REFUSAL_BURST_MS = 10_000;

/**
 * Where control links and flags arrive (open-url, second-instance, cold-start argv, the host's test hook):
 * parsed, rate-limited, and held until the app is ready, then handed to the dispatcher. Refusals are logged
 * with what was refused, never echoed back to the sender.
 */
export class ControlInbox {
  private readonly limiter: RateLimiter;
  private target: ((command: ShellCommand, source: CommandSource) => void) | null = null;
  private readonly waiting: Array<[ShellCommand, CommandSource]> = [];
  private suppressed = 0;
  /** When the last "too fast" line was written: one per quiet-separated burst. */
  private lastTooFastWarnAt: number | null = null;
  /** Requests dropped because the waiting list was full (one burst: everything before ready). */
  private droppedWaiting = 0;
  /** The refusal burst under way: how many were refused, and when the last one came. */
  private refusals: { count: number; lastAt: number } | null = null;
  /** Quitting: nothing runs any more; requests arriving then are logged once. */
  private closed: { ignored: number } | null = null;

  public constructor(private readonly deps: ControlInboxDeps) {
    this.limiter = new RateLimiter(deps.limit ?? { capacity: 8, perSecond: 4 }, deps.now);
  }

  /** A process's argv (cold start or second instance). */
  public receiveArgv(argv: readonly string[]): ControlOutcome {
    const parsed = findControlRequest(argv);
    if (parsed.kind === 'none') return 'none';
    if (this.closed) return this.refuseClosed();
    if (parsed.kind === 'rejected') return this.reject(parsed.reason, parsed.via);
    return this.accept(parsed.command, parsed.via === 'link' ? 'controlLink' : 'argv');
  }

  /** One URL (macOS open-url). */
  public receiveUrl(url: string): ControlOutcome {
    const parsed = parseControlLink(url);
    if (parsed.kind === 'none') return 'none';
    if (this.closed) return this.refuseClosed();
    if (parsed.kind === 'rejected') return this.reject(parsed.reason, 'link');
    return this.accept(parsed.command, 'controlLink');
  }

  /** The app is ready: commands go to `run` from now on, and the waiting ones run now, in order. */
  public ready(run: (command: ShellCommand, source: CommandSource) => void): void {
    if (this.closed) return;
    this.target = run;
    if (this.droppedWaiting > 0) {
      this.deps.log.info('control requests dropped while starting', { dropped: this.droppedWaiting });
      this.droppedWaiting = 0;
    }
    for (const [command, source] of this.waiting.splice(0)) this.deliver(command, source);
  }

  /**
   * Quitting (before-quit): a second instance or open-url arriving now must not reach playback being torn
   * down. Waiting requests are dropped; later ones are refused.
   */
  public close(): void {
    if (this.closed) return;
    this.closed = { ignored: 0 };
    if (this.waiting.length > 0) this.deps.log.info('control requests dropped: quitting before start-up finished', { dropped: this.waiting.length });
    this.waiting.length = 0;
    this.target = null;
  }

  private refuseClosed(): ControlOutcome {
    const closed = this.closed!;
    closed.ignored += 1;
    if (closed.ignored === 1) this.deps.log.info('control request ignored: quitting');
    return 'closed';
  }

  private accept(command: ShellCommand, source: CommandSource): ControlOutcome {
    // Only a quiet spell ends a burst of refusals: good links interleaved with bogus ones must not reopen it.
    if (this.refusals && this.deps.now() - this.refusals.lastAt >= REFUSAL_BURST_MS) this.endRefusals();
    if (!this.limiter.take()) {
      this.suppressed += 1;
      // One line per burst, not one per dropped request; a burst ends only after a quiet spell, so a flood that
      // lets a request through now and then still gets one line.
      const now = this.deps.now();
      const last = this.lastTooFastWarnAt;
      if (this.suppressed === 1 && (last === null || now < last || now - last >= REFUSAL_BURST_MS)) {
        this.deps.log.warn('control requests arrive too fast; ignoring some', { command });
        this.lastTooFastWarnAt = now;
      }
      return 'rateLimited';
    }
    if (this.suppressed > 0) {
      this.deps.log.info('control requests accepted again', { ignored: this.suppressed });
      this.suppressed = 0;
    }
    if (!this.target) {
      if (this.waiting.length >= MAX_WAITING) {
        this.droppedWaiting += 1;
        // One line for the burst; ready() says how many were dropped.
        if (this.droppedWaiting === 1) this.deps.log.warn('control request dropped: too many waiting for start-up', { command, waiting: MAX_WAITING });
        return 'rateLimited';
      }
      this.waiting.push([command, source]);
      return 'queued';
    }
    this.deliver(command, source);
    return 'ran';
  }

  private deliver(command: ShellCommand, source: CommandSource): void {
    this.deps.log.info('control request', { command, source });
    try {
      this.target?.(command, source);
    } catch (cause) {
      this.deps.log.error('control request failed', { command, error: cause instanceof Error ? cause.message : String(cause) });
    }
  }

  /** One warn line per burst (a flood of bogus links would evict real problems from diagnostics). */
  private reject(reason: string, via: 'link' | 'flag'): ControlOutcome {
    const now = this.deps.now();
    const burst = this.refusals;
    // A clock stepped back (now < lastAt) keeps the burst going rather than logging again.
    if (burst && now - burst.lastAt < REFUSAL_BURST_MS) {
      burst.count += 1;
      burst.lastAt = now;
      return 'rejected';
    }
    this.endRefusals();
    this.refusals = { count: 1, lastAt: now };
    this.deps.log.warn('control request ignored', { reason, via });
    return 'rejected';
  }

  private endRefusals(): void {
    const burst = this.refusals;
    this.refusals = null;
    if (burst && burst.count > 1) this.deps.log.info('control requests ignored', { ignored: burst.count - 1 });
  }
}
