// The preload leak check's walk: a secret behind a getter, a symbol key or a prototype is still found.
import { describe, expect, it } from 'vitest';

import { reachable } from './leak-walk';

const secret = { ipcRenderer: true };

describe('reachable (the preload leak walk)', () => {
  it('finds a value behind a getter (the bridge copies what the getter returns)', () => {
    const api = { app: Object.defineProperty({}, 'ipc', { get: () => secret, enumerable: true }) };
    expect(reachable(api)).toContain(secret);
  });

  it('finds a value on a prototype, and under a symbol key', () => {
    expect(reachable({ app: Object.create({ ipc: secret }) as object })).toContain(secret);
    expect(reachable({ [Symbol('ipc')]: secret })).toContain(secret);
  });

  it('a getter that throws is walked past, not a crash', () => {
    const api = Object.defineProperty({ ok: secret }, 'bad', {
      get: () => {
        throw new Error('no');
      },
    });
    expect(reachable(api)).toContain(secret);
  });
});
