import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { Plugin } from 'vite';

import { EARLY_PAINT_SCRIPT_HASH, EARLY_PAINT_SOURCE } from '../shared/early-paint';

/** The script as inlined, and its CSP hash source (`'sha256-…'`). */
export function earlyPaintScript(root: string): { readonly source: string; readonly hash: string } {
  const source = readFileSync(resolve(root, EARLY_PAINT_SOURCE), 'utf8').trim();
  return { source, hash: `'sha256-${createHash('sha256').update(source).digest('base64')}'` };
}

/**
 * Inlines renderer/early/early-paint.js into each page, right after the title and before any stylesheet (an
 * inline script after a stylesheet waits for it), and adds its hash to the page's own CSP meta. Fails when the
 * hash is not the one the shells' CSP allows (shared/early-paint.ts), so a changed script cannot ship blocked.
 */
export function earlyPaintPlugin(root: string): Plugin {
  return {
    name: 'trayplay:early-paint',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const { source, hash } = earlyPaintScript(root);
        if (hash !== EARLY_PAINT_SCRIPT_HASH) {
          throw new Error(`${EARLY_PAINT_SOURCE} changed: set EARLY_PAINT_SCRIPT_HASH in shared/early-paint.ts to ${hash}`);
        }
        if (!html.includes('</title>')) throw new Error('early paint: the page has no <title> to put the script after');
        return html
          .replace("script-src 'self'", `script-src 'self' ${hash}`)
          .replace('</title>', () => `</title>\n    <script>${source}</script>`);
      },
    },
  };
}
