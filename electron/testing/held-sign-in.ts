import { approveInBrowser, createKit, type Kit } from './auth-test-kit';
import { HeldCipher } from './held-cipher';
import { settle } from './manual-clock';

/** Starts a sign-in and hands the browser's trayplay:// redirect back, as the OS would. */
export async function startProtocolSignIn(kit: Kit): Promise<void> {
  const started = await kit.service.signIn();
  if (!started.ok) throw new Error(started.error.message);
  kit.service.handleProtocolUrl(await approveInBrowser(kit));
}

/**
 * A sign-in whose code exchange is done and whose first vault write is held open (as while a macOS keychain
 * prompt is up): the moment the session races below happen in.
 */
export async function signInHeldAtFirstWrite(): Promise<{ kit: Kit; cipher: HeldCipher }> {
  const cipher = new HeldCipher();
  const kit = createKit({ redirectMode: 'protocol', cipher });
  await kit.service.start();
  cipher.holdAfter(0);
  await startProtocolSignIn(kit);
  await settle(60);
  if (cipher.waiting !== 1) throw new Error(`expected the first vault write to be held, ${cipher.waiting} waiting`);
  return { kit, cipher };
}
