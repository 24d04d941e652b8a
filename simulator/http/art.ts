import { deflateSync } from 'node:zlib';

// Cover art, generated: a PNG (Spotify serves raster images) with a diagonal gradient and a ring, so
// different albums look different. No network, no image library: a minimal encoder over zlib.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGB pixels (width*height*3 bytes) as a PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

export function coverPng(hue: number, size: number): Buffer {
  const rgb = new Uint8Array(size * size * 3);
  const [r1, g1, b1] = hslToRgb(hue, 0.65, 0.55);
  const [r2, g2, b2] = hslToRgb((hue + 50) % 360, 0.6, 0.25);
  const centre = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * size);
      const d = Math.hypot(x - centre, y - centre) / size;
      const ring = d > 0.22 && d < 0.27 ? 0.6 : 0;
      const i = (y * size + x) * 3;
      rgb[i] = Math.min(255, Math.round(r1 * (1 - t) + r2 * t + ring * 90));
      rgb[i + 1] = Math.min(255, Math.round(g1 * (1 - t) + g2 * t + ring * 90));
      rgb[i + 2] = Math.min(255, Math.round(b1 * (1 - t) + b2 * t + ring * 90));
    }
  }
  return encodePng(size, size, rgb);
}

/** Encoded covers, cached: a few albums times three sizes. */
export class ArtCache {
  private readonly cache = new Map<string, Buffer>();

  get(key: string, hue: number, size: number): Buffer {
    const cacheKey = `${key}/${size}`;
    let png = this.cache.get(cacheKey);
    if (!png) {
      png = coverPng(hue, size);
      this.cache.set(cacheKey, png);
    }
    return png;
  }
}
