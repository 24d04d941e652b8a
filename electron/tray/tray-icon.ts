import type { AppState } from '../../shared/state/app-state';

/**
 * The tray icon, drawn in code (no image file has to survive bundling): a ring with a glyph per state.
 * macOS gets black template images the system tints; Windows and Linux get a white glyph with a dark halo,
 * readable on light and dark panels alike.
 */
export type TrayIconState = 'signedOut' | 'playing' | 'paused' | 'attention';
export type TrayIconStyle = 'template' | 'halo';

/** Which icon the state calls for. Attention: something the user should look at (session ended, Spotify pushing back). */
export function trayIconState(state: AppState): TrayIconState {
  if (state.auth.kind === 'sessionEnded') return 'attention';
  if (state.auth.kind === 'signedOut') return 'signedOut';
  const { nowPlaying, notice } = state.playback;
  if (nowPlaying.kind === 'unavailable') return nowPlaying.reason === 'signedOut' ? 'signedOut' : nowPlaying.reason === 'loading' ? 'paused' : 'attention';
  if (notice) return 'attention';
  const playing = (nowPlaying.kind === 'item' || nowPlaying.kind === 'ad' || nowPlaying.kind === 'private') && nowPlaying.isPlaying;
  return playing ? 'playing' : 'paused';
}

export interface IconRepresentation {
  readonly scaleFactor: number;
  readonly size: number;
}

export interface TrayIconSpec {
  readonly style: TrayIconStyle;
  /** Representations of one image (1× first). */
  readonly representations: readonly IconRepresentation[];
  /** Windows: frames of an ICO file (Electron picks the one matching the small-icon metric). */
  readonly icoSizes: readonly number[] | null;
}

/** The sizes each OS asks for: 16/32@2× template on macOS, 16–32 px (ICO) on Windows, 22–48 px on Linux. */
export function trayIconSpec(platform: NodeJS.Platform): TrayIconSpec {
  if (platform === 'darwin') {
    return { style: 'template', representations: [{ scaleFactor: 1, size: 16 }, { scaleFactor: 2, size: 32 }], icoSizes: null };
  }
  if (platform === 'win32') {
    return {
      style: 'halo',
      representations: [{ scaleFactor: 1, size: 16 }, { scaleFactor: 1.25, size: 20 }, { scaleFactor: 1.5, size: 24 }, { scaleFactor: 2, size: 32 }],
      icoSizes: [16, 20, 24, 32, 48],
    };
  }
  return { style: 'halo', representations: [{ scaleFactor: 1, size: 22 }, { scaleFactor: 1.5, size: 32 }, { scaleFactor: 2, size: 48 }], icoSizes: null };
}

/** The glyph's coverage at a point in unit coordinates (-0.5…0.5), 0 or 1. */
function glyph(state: TrayIconState, x: number, y: number): boolean {
  const d = Math.hypot(x, y);
  const ring = d <= 0.47 && d >= 0.38;
  switch (state) {
    case 'playing':
      return ring || (x >= -0.12 && x <= 0.2 && Math.abs(y) <= (0.2 - x) * 0.62);
    case 'paused':
      return ring || (Math.abs(y) <= 0.17 && ((x >= -0.14 && x <= -0.04) || (x >= 0.04 && x <= 0.14)));
    case 'signedOut':
      // A ring with a slash through it.
      return ring || (Math.abs(x + y) <= 0.06 && d <= 0.38);
    case 'attention':
      return ring || (Math.abs(x) <= 0.05 && ((y >= -0.22 && y <= 0.06) || (y >= 0.13 && y <= 0.22)));
  }
}

/** RGBA pixels, 4× supersampled so small sizes stay smooth. */
export function trayIconPixels(size: number, state: TrayIconState, style: TrayIconStyle): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const coverage = new Float32Array(size * size);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          if (glyph(state, (px + (sx + 0.5) / samples) / size - 0.5, (py + (sy + 0.5) / samples) / size - 0.5)) hits += 1;
        }
      }
      coverage[py * size + px] = hits / (samples * samples);
    }
  }
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const i = (py * size + px) * 4;
      const own = coverage[py * size + px] ?? 0;
      if (style === 'template') {
        pixels[i + 3] = Math.round(own * 255);
        continue;
      }
      // The halo: the strongest glyph coverage among the neighbours, in a dark tone under the white glyph.
      let halo = 0;
      for (let dy = -1; dy <= 1; dy += 1) {
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = px + dx;
          const ny = py + dy;
          if (nx >= 0 && ny >= 0 && nx < size && ny < size) halo = Math.max(halo, coverage[ny * size + nx] ?? 0);
        }
      }
      const alpha = Math.max(own, halo * 0.75);
      // White glyph over a near-black halo.
      const tone = Math.round(own * 255 + (1 - own) * 34);
      pixels[i] = tone;
      pixels[i + 1] = tone;
      pixels[i + 2] = tone;
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}
