import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { EARLY_PAINT_SCRIPT_HASH, EARLY_PAINT_SOURCE } from '../../shared/early-paint';

import { rendererCsp } from './csp';

describe('the pages\u2019 one inline script under CSP', () => {
  it('is allowed by the hash of the script the build inlines, and by nothing broader, in both shells', () => {
    // As the build inlines it (vite-plugins/early-paint-plugin.ts): the file, trimmed.
    const source = readFileSync(EARLY_PAINT_SOURCE, 'utf8').trim();
    expect(`'sha256-${createHash('sha256').update(source).digest('base64')}'`).toBe(EARLY_PAINT_SCRIPT_HASH);
    for (const csp of [
      rendererCsp({ shell: 'electron', demoArtOrigin: null }),
      rendererCsp({ shell: 'web', wsOrigin: 'ws://127.0.0.1:4000', demoArtOrigin: null }),
    ]) {
      const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '));
      expect(scriptSrc).toBe(`script-src 'self' ${EARLY_PAINT_SCRIPT_HASH}`);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|strict-dynamic/);
    }
  });
});
