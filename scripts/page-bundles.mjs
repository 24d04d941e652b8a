// What each page loads before its first paint: the module script and the chunks Vite preloads for it
// (dynamic imports such as the settings page are not counted). Sizes raw and gzip (level 9).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const PAGES = [
  ['main', 'index.html'],
  ['mini', 'mini.html'],
];

/** Local script and modulepreload targets of an HTML page, in order, without duplicates. */
export function initialScripts(html) {
  const found = [];
  for (const match of html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)) {
    if (!found.includes(match[1])) found.push(match[1]);
  }
  return found;
}

/** Per page: its initial JavaScript files and their total size in KB (1 KB = 1000 bytes, as Vite prints). */
export function pageBundles(rendererDir) {
  return PAGES.map(([page, file]) => {
    const scripts = initialScripts(readFileSync(join(rendererDir, file), 'utf8'));
    let bytes = 0;
    let gzipBytes = 0;
    for (const script of scripts) {
      const body = readFileSync(join(rendererDir, script));
      bytes += body.length;
      gzipBytes += gzipSync(body, { level: 9 }).length;
    }
    return { page, scripts, jsKb: Math.round(bytes / 100) / 10, jsGzipKb: Math.round(gzipBytes / 100) / 10 };
  });
}
