import { describe, expect, it } from 'vitest';

import { InsecureBasicTextCipher } from '../adapters/test-cipher';
import type { PlaintextConsent } from '../ports/plaintext-consent';
import { createKit, signInViaProtocol } from '../testing/auth-test-kit';
import { VAULT_KEY } from '../tokens/token-vault';

// Attack (review #8): the plaintext opt-in is a flag any renderer can send (`auth:setPlaintextOptIn` with
// `acknowledgedWarning: true`); a compromised page could have the refresh token written unencrypted. Main
// asks the user itself, with its own dialog, before honouring it.
function consent(answer: boolean): PlaintextConsent & { asked: number } {
  const fake = {
    asked: 0,
    confirm: () => {
      fake.asked += 1;
      return Promise.resolve(answer);
    },
  };
  return fake;
}

async function signedInWithoutKeyring(plaintextConsent: PlaintextConsent): Promise<ReturnType<typeof createKit>> {
  const kit = createKit({ redirectMode: 'protocol', cipher: new InsecureBasicTextCipher(), plaintextConsent });
  await kit.service.start();
  await signInViaProtocol(kit);
  expect(kit.service.state()).toMatchObject({ kind: 'signedIn', persistence: 'memoryOnly' });
  return kit;
}

describe('attack: a renderer opts in to plaintext storage on its own', () => {
  it('is not honoured when the user declines main\'s dialog: nothing written, the setting stays off', async () => {
    const fake = consent(false);
    const kit = await signedInWithoutKeyring(fake);
    const result = await kit.service.setPlaintextOptIn(true);
    expect(fake.asked).toBe(1);
    expect(result.ok).toBe(false);
    expect(kit.service.settings().storage.plaintextOptIn).toBe(false);
    expect(kit.service.state()).toMatchObject({ persistence: 'memoryOnly' });
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
  });

  it('is honoured once the user confirms; opting out never asks', async () => {
    const fake = consent(true);
    const kit = await signedInWithoutKeyring(fake);
    expect(await kit.service.setPlaintextOptIn(true)).toMatchObject({ ok: true });
    expect(kit.store.get(VAULT_KEY)).toBeDefined();
    expect(await kit.service.setPlaintextOptIn(false)).toMatchObject({ ok: true });
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    expect(fake.asked).toBe(1);
  });

  it('a dialog that fails counts as a refusal', async () => {
    const kit = await signedInWithoutKeyring({ confirm: () => Promise.reject(new Error('no display')) });
    expect((await kit.service.setPlaintextOptIn(true)).ok).toBe(false);
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
  });
});
