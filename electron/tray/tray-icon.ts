/**
 * The tray icon drawn in code as a BGRA bitmap (a ring with a play triangle), so no image file has to survive
 * bundling. White on transparent; on macOS it is used as a template image and tinted by the system.
 */
export function trayIconBitmap(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const c = (size - 1) / 2;
  const outer = size * 0.47;
  const inner = size * 0.37;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const d = Math.hypot(x - c, y - c);
      const ring = d <= outer && d >= inner;
      // A right-pointing triangle in the middle.
      const tx = (x - c) / size;
      const ty = (y - c) / size;
      const triangle = tx >= -0.14 && tx <= 0.2 && Math.abs(ty) <= (0.2 - tx) * 0.6;
      if (ring || triangle) {
        const i = (y * size + x) * 4;
        pixels[i] = 255;
        pixels[i + 1] = 255;
        pixels[i + 2] = 255;
        pixels[i + 3] = 255;
      }
    }
  }
  return pixels;
}
