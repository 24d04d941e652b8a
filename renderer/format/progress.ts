export interface ProgressObservation {
  readonly progressMs: number;
  /** When main observed `progressMs`, ms since the epoch. */
  readonly observedAt: number;
  readonly isPlaying: boolean;
  /** Null when the length is unknown (ads): only the lower bound applies. */
  readonly durationMs: number | null;
}

/**
 * The position to show at `now`: the observation plus the time since, while playing; capped at the
 * duration and never below zero (a clock that stepped back does not rewind the bar).
 */
export function interpolateProgress(observation: ProgressObservation, now: number): number {
  const { progressMs, observedAt, isPlaying, durationMs } = observation;
  const elapsed = isPlaying ? Math.max(0, now - observedAt) : 0;
  const position = Math.max(0, progressMs + elapsed);
  return durationMs === null ? position : Math.min(position, Math.max(0, durationMs));
}

/** Progress as a 0..1 fraction, for the bar's fill. */
export function progressFraction(positionMs: number, durationMs: number | null): number {
  if (durationMs === null || durationMs <= 0) return 0;
  return Math.min(1, Math.max(0, positionMs / durationMs));
}
