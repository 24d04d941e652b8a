import { describe, expect, it } from 'vitest';

import { EARLY_PAINT_SCRIPT_HASH } from '../../shared/early-paint';
import { earlyPaintScript } from '../../vite-plugins/early-paint-plugin';

import { rendererCsp } from './csp';

describe('the pages\u2019 one inline script under CSP', () => {
  it('is allowed by the hash of the script the build inlines, and by nothing broader, in both shells', () => {
    expect(earlyPaintScript(process.cwd()).hash).toBe(EARLY_PAINT_SCRIPT_HASH);
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
