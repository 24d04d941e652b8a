import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// Helpers shared by the playback benchmarks: percentiles, a seeded RNG, results files, "run directly?".

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
