import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// Helpers shared by the playback benchmarks: percentiles, a seeded RNG, results files, "run directly?", and
// the delay bookkeeping of the listening sessions (what a display showed, how long after the change).

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

export const round = (value: number | null, digits = 1): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Appends JSON lines to bench/results/<name>.jsonl (gitignored) and returns the path. */
export function writeResults(name: string, lines: ReadonlyArray<Record<string, unknown>>): string {
  const root = process.env.TRAYPLAY_ROOT ?? process.cwd();
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.jsonl`);
  appendFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  return file;
}

/** True when this benchmark file is the entry being run (not imported by bench/run-all.ts). */
export function isEntry(file: string): boolean {
  const entry = process.argv[1] ?? '';
  return entry.replace(/\\/g, '/').endsWith(`bench/${file}`);
}

/** One observation in a benchmark's timeline, at simulated time `t`. */
export interface TimedSample {
  readonly t: number;
}

/**
 * Delay until the first observation at or after `from` that satisfies `shows`, looking until `until`
 * (the next external event). 'superseded': nothing was observed at all before the next event replaced
 * this one (its effect was never visible to anyone looking); 'missed': observations came but did not show it.
 */
export function firstShowing<S extends TimedSample>(timeline: readonly S[], from: number, until: number, shows: (s: S) => boolean): number | 'missed' | 'superseded' {
  let observed = false;
  for (const sample of timeline) {
    if (sample.t < from) continue;
    if (sample.t >= until) break;
    observed = true;
    if (shows(sample)) return sample.t - from;
  }
  return observed ? 'missed' : 'superseded';
}

/** How long after a natural track change a display showed the new track; at most this long is looked at. */
export const TRACK_CHANGE_WINDOW_MS = 120_000;

export interface TrackChangeDelays {
  readonly delays: number[];
  /** Observed but never shown before the next external event (or the window's end). */
  readonly missed: Array<{ readonly boundaryAt: number; readonly to: string | null }>;
  /** Nothing observed at all before the next external event replaced it. */
  readonly superseded: number;
}

/** For each natural track change (`boundaries`), the delay until `timeline` showed its track. */
export function trackChangeDelays<S extends TimedSample>(
  timeline: readonly S[],
  boundaries: ReadonlyArray<{ readonly at: number; readonly itemUri: string | null }>,
  eventTimes: readonly number[],
  showsItem: (sample: S, itemUri: string | null) => boolean,
): TrackChangeDelays {
  const out: { delays: number[]; missed: Array<{ boundaryAt: number; to: string | null }>; superseded: number } = { delays: [], missed: [], superseded: 0 };
  for (const boundary of boundaries) {
    const nextEvent = eventTimes.find((at) => at > boundary.at) ?? Infinity;
    const delay = firstShowing(timeline, boundary.at, Math.min(nextEvent, boundary.at + TRACK_CHANGE_WINDOW_MS), (s) => showsItem(s, boundary.itemUri));
    if (delay === 'missed') out.missed.push({ boundaryAt: boundary.at, to: boundary.itemUri });
    else if (delay === 'superseded') out.superseded += 1;
    else out.delays.push(delay);
  }
  return out;
}
