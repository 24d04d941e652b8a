import { describe, expect, it } from 'vitest';

import { InsecureBasicTextCipher } from '../adapters/test-cipher';
import type { AuthFacade } from '../core/facades';
import type { AccessTokenSource } from '../ports/access-token';
import { AuthSettingsSchema, AuthStateSchema } from '../../shared/state/auth-state';
import { MemoryStore } from '../adapters/memory-store';
import { VAULT_KEY } from '../tokens/token-vault';

import { approveInBrowser, createKit, signInViaProtocol, TEST_CLIENT_ID } from '../testing/auth-test-kit';
import { AuthService } from './auth-service';
import { meUrlOf } from './endpoints';

const HOUR = 3600_000;

describe('AuthService against the simulator', () => {
  it('is the contract facade and the token source', () => {
    const kit = createKit();
    const facade: AuthFacade = kit.service;
    const source: AccessTokenSource = kit.service;
    expect(facade.state()).toEqual(kit.service.state());
    expect(typeof source.getAccessToken).toBe('function');
  });

  it('signs in through the custom scheme: authorize URL in the browser, callback, exchange, account, vault', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: null });
    await kit.service.signIn();
    expect(kit.service.state()).toMatchObject({ kind: 'authorizing', redirectMode: 'protocol' });
    const authorize = new URL(kit.browser.opened[0]!);
    expect(authorize.searchParams.get('redirect_uri')).toBe('trayplay://callback');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    kit.service.handleProtocolUrl(await approveInBrowser(kit));
    await kit.service.settled();
    expect(kit.service.state()).toMatchObject({
      kind: 'signedIn',
      account: { displayName: 'Demo Listener' },
      persistence: 'encrypted',
      renewSoon: false,
      scopes: expect.arrayContaining(['user-modify-playback-state']) as unknown,
    });
    expect(kit.store.get(VAULT_KEY)).toBeDefined();
    const me = await kit.service.authorizedFetch(meUrlOf(kit.service.endpoints()));
    expect(me.ok && me.value.status).toBe(200);
  });

  it('signs in through the loopback listener, the test playing the browser over real HTTP', async () => {
    const kit = createKit({ redirectMode: 'loopback' });
    await kit.service.start();
    await kit.service.signIn();
    const redirectUri = new URL(kit.browser.opened[0]!).searchParams.get('redirect_uri')!;
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const location = await approveInBrowser(kit);
    expect(location.startsWith(`${redirectUri}?`)).toBe(true);
    const page = await fetch(location);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You can close this window');
    await kit.service.settled();
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn' });
    // One-shot: the listener is gone.
    await expect(fetch(location)).rejects.toThrow();
  });

  it('uses loopback, and says why, where the scheme could not be registered', async () => {
    const kit = createKit({ redirectMode: 'protocol', protocolOk: false });
    await kit.service.start();
    expect(kit.service.settings()).toMatchObject({ protocolAvailable: false, protocolProblem: expect.any(String) as unknown });
    await kit.service.signIn();
    expect(new URL(kit.browser.opened[0]!).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await kit.service.cancel();
  });

  it('shows exactly which redirect URIs to register', async () => {
    const kit = createKit();
    await kit.service.start();
    expect(kit.service.settings().redirectUris).toEqual({ protocol: 'trayplay://callback', loopback: 'http://127.0.0.1/callback' });
  });

  it('"You cancelled the sign-in" when the user clicks Cancel at Spotify', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await kit.service.signIn();
    kit.service.handleProtocolUrl(await kit.sim.control.deny(kit.browser.opened[0]!));
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: 'You cancelled the sign-in' });
  });

  it('rejects a callback with another state, keeps waiting, and logs no secrets', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await kit.service.signIn();
    const genuine = await approveInBrowser(kit);
    const forged = new URL(genuine);
    forged.searchParams.set('state', 'forged-state-value');
    forged.searchParams.set('code', 'forged-code-value');
    kit.service.handleProtocolUrl(forged.toString());
    expect(kit.service.state().kind).toBe('authorizing');
    expect(kit.lines.join('\n')).toContain('state does not match');
    expect(kit.lines.join('\n')).not.toContain('forged-code-value');
    kit.service.handleProtocolUrl(genuine);
    await kit.service.settled();
    expect(kit.service.state().kind).toBe('signedIn');
  });

  it('ignores a replayed callback after sign-in, and a late one after cancel', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await kit.service.signIn();
    const location = await approveInBrowser(kit);
    kit.service.handleProtocolUrl(location);
    await kit.service.settled();
    const before = kit.service.state();
    kit.service.handleProtocolUrl(location);
    await kit.service.settled();
    expect(kit.service.state()).toEqual(before);
    expect(kit.sim.control.counters()).toBeDefined();

    const other = createKit({ redirectMode: 'protocol' });
    await other.service.start();
    await other.service.signIn();
    const late = await approveInBrowser(other);
    await other.service.cancel();
    expect(other.service.state()).toEqual({ kind: 'signedOut', notice: 'Sign-in cancelled' });
    other.service.handleProtocolUrl(late);
    await other.service.settled();
    expect(other.service.state()).toEqual({ kind: 'signedOut', notice: 'Sign-in cancelled' });
  });

  it('ends a malformed callback for the pending attempt with a clear error', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await kit.service.signIn();
    const location = new URL(await approveInBrowser(kit));
    kit.service.handleProtocolUrl(`${location.toString()}&code=second`);
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: 'The sign-in reply repeats "code". Please try again.' });
  });

  it('times out after 5 minutes and closes the listener', async () => {
    const kit = createKit({ redirectMode: 'loopback' });
    await kit.service.start();
    await kit.service.signIn();
    const redirectUri = new URL(kit.browser.opened[0]!).searchParams.get('redirect_uri')!;
    await kit.clock.advance(5 * 60_000);
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: 'The sign-in timed out. Please try again.' });
    await expect(fetch(`${redirectUri}?code=x&state=y`)).rejects.toThrow();
  });

  it('allows one pending attempt at a time', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    expect((await kit.service.signIn()).ok).toBe(true);
    expect(await kit.service.signIn()).toMatchObject({ ok: false, error: { code: 'auth_in_progress' } });
  });

  it('refuses to sign in without a Client ID when there is no demo', async () => {
    const kit = createKit({ clientId: null });
    await kit.service.start();
    expect(await kit.service.signIn()).toMatchObject({ ok: false, error: { code: 'invalid_client_id' } });
    expect(await kit.service.setClientId('not-an-id')).toMatchObject({ ok: false, error: { code: 'invalid_client_id' } });
  });

  it('restores the session from the vault on the next start', async () => {
    const store = new MemoryStore();
    const first = createKit({ store, redirectMode: 'protocol' });
    await first.service.start();
    await signInViaProtocol(first);
    first.service.dispose();
    const second = createKit({ store, clock: first.clock, sim: first.sim });
    await second.service.start();
    expect(second.service.state()).toMatchObject({ kind: 'signedIn', account: { displayName: 'Demo Listener' } });
    expect(await second.service.getAccessToken()).toMatchObject({ ok: true });
  });

  it('asks to sign in again, with the reason, when the vault cannot be decrypted — and keeps the blob', async () => {
    const store = new MemoryStore();
    const first = createKit({ store, redirectMode: 'protocol' });
    await first.service.start();
    await signInViaProtocol(first);
    const { TestOnlyCipher } = await import('../adapters/test-cipher');
    const second = createKit({ store, clock: first.clock, sim: first.sim, cipher: new TestOnlyCipher('another key', 'gnome_libsecret') });
    await second.service.start();
    expect(second.service.state()).toMatchObject({ kind: 'sessionEnded', reason: expect.stringContaining('secure storage changed') as unknown });
    expect(store.keys().some((k) => k.startsWith(`${VAULT_KEY}-corrupt-`))).toBe(true);
  });

  it('signs out: tokens gone from memory and disk', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await signInViaProtocol(kit);
    await kit.service.signOut();
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: null });
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    expect(await kit.service.getAccessToken()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('ends the session with the reason on invalid_grant (revoked), without retrying', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await signInViaProtocol(kit);
    kit.sim.control.revokeGrant();
    await kit.clock.advance(HOUR);
    expect(kit.service.state()).toEqual({ kind: 'sessionEnded', reason: 'Spotify ended this sign-in — please sign in again' });
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    const tokenRequests = JSON.stringify(kit.sim.control.counters());
    await kit.clock.advance(HOUR);
    expect(JSON.stringify(kit.sim.control.counters())).toBe(tokenRequests);
  });

  it('warns from 7 days before the 6-month end and offers to sign in again early', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await signInViaProtocol(kit);
    const state = kit.service.state();
    if (state.kind !== 'signedIn') throw new Error('not signed in');
    await kit.clock.jump(state.refreshExpiresAt - 7 * 24 * HOUR - kit.clock.now() + 1000);
    kit.power.emit('resume');
    await kit.clock.advance(60_000);
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn', renewSoon: true });
    await kit.service.signIn();
    expect(kit.service.state().kind).toBe('authorizing');
    expect(await kit.service.getAccessToken()).toMatchObject({ ok: true });
    kit.service.handleProtocolUrl(await approveInBrowser(kit));
    await kit.service.settled();
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn', renewSoon: false });
  });

  it('refuses to persist with basic_text (session in memory) until the user opts in', async () => {
    const kit = createKit({ redirectMode: 'protocol', cipher: new InsecureBasicTextCipher() });
    await kit.service.start();
    expect(kit.service.settings().storage).toEqual({ secure: false, backend: 'basic_text', plaintextOptIn: false });
    await signInViaProtocol(kit);
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn', persistence: 'memoryOnly' });
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    await kit.service.setPlaintextOptIn(true);
    expect(kit.service.state()).toMatchObject({ persistence: 'plaintextOptIn' });
    expect(kit.store.get(VAULT_KEY)).toBeDefined();
    await kit.service.setPlaintextOptIn(false);
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn', persistence: 'memoryOnly' });
  });

  it('changing the Client ID drops the session', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await signInViaProtocol(kit);
    await kit.service.setClientId('ffffffffffffffffffffffffffffffff');
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: null });
    expect(kit.store.get(VAULT_KEY)).toBeUndefined();
    expect(kit.service.settings().clientId).toBe('ffffffffffffffffffffffffffffffff');
    await kit.service.setClientId(TEST_CLIENT_ID.toUpperCase());
    expect(kit.service.settings().clientId).toBe(TEST_CLIENT_ID);
  });

  it('runs demo mode through the same code paths, without a browser', async () => {
    const kit = createKit({ clientId: null, demo: true });
    await kit.service.start();
    expect(kit.service.state()).toEqual({ kind: 'demo' });
    expect(kit.browser.opened).toEqual([]);
    expect(kit.service.mode()).toBe('demo');
    const me = await kit.service.authorizedFetch(meUrlOf(kit.service.endpoints()));
    expect(me.ok && me.value.status).toBe(200);
    await kit.service.setClientId(TEST_CLIENT_ID);
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: null });
    await kit.service.setClientId(null);
    expect(kit.service.state()).toEqual({ kind: 'demo' });
    expect(await kit.service.getAccessToken()).toMatchObject({ ok: true });
  });

  it('does not open a browser for an authorize URL off the allow-list', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    const service = new AuthService({
      clock: kit.clock,
      logger: kit.logger.scope('auth'),
      secrets: kit.logger,
      http: (url, init) => kit.sim.fetch(url, init),
      endpoints: { accountsBaseUrl: 'http://accounts.example.com', apiBaseUrl: 'http://api.example.com/v1' },
      settings: kit.settings,
      store: kit.store,
      cipher: kit.cipher,
      browser: kit.browser,
      protocol: null,
    });
    await service.start();
    expect(await service.signIn()).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    expect(kit.browser.opened).toEqual([]);
    expect(service.state()).toMatchObject({ kind: 'signedOut' });
    service.dispose();
  });

  it('ends the attempt when the browser cannot be opened', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    kit.browser.open = () => Promise.reject(new Error('no browser'));
    expect(await kit.service.signIn()).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    expect(kit.service.state()).toEqual({ kind: 'signedOut', notice: 'The browser could not be opened' });
  });

  it('survives 5xx bursts, resets and a 401 right after a refresh without signing out', async () => {
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await signInViaProtocol(kit);
    kit.sim.control.injectFault({ serverErrors: { count: 6, status: 503 }, target: 'accounts' });
    await kit.clock.advance(HOUR);
    kit.sim.control.injectFault({ resets: 4, target: 'accounts' });
    await kit.clock.advance(HOUR);
    kit.sim.control.injectFault({ unauthorizedAfterRefresh: 1 });
    await kit.clock.advance(HOUR);
    const me = await kit.service.authorizedFetch(meUrlOf(kit.service.endpoints()));
    expect(me.ok && me.value.status).toBe(200);
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn' });
  });

  it('reports an exchange Spotify refused and lets the user try again', async () => {
    // The code expired or was used: Spotify answers invalid_grant at exchange time.
    let refuse = true;
    const kit = createKit({
      redirectMode: 'protocol',
      wrapFetch: (inner) => (url, init) =>
        refuse && typeof init?.body === 'string' && init.body.includes('grant_type=authorization_code')
          ? Promise.resolve(new Response(JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid authorization code' }), { status: 400 }))
          : inner(url, init),
    });
    await kit.service.start();
    await kit.service.signIn();
    kit.service.handleProtocolUrl(await approveInBrowser(kit));
    await kit.service.settled();
    expect(kit.service.state()).toMatchObject({ kind: 'signedOut', notice: expect.stringContaining('did not accept') as unknown });
    refuse = false;
    await signInViaProtocol(kit);
    expect(kit.service.state()).toMatchObject({ kind: 'signedIn' });
  });

  it('feeds the Web API client (authorizedFetch + apiBaseUrl)', async () => {
    const { WebApiClient } = await import('../spotify/web-api-client');
    const kit = createKit({ redirectMode: 'protocol' });
    await kit.service.start();
    await signInViaProtocol(kit);
    const client = new WebApiClient({ apiBaseUrl: kit.service.endpoints().apiBaseUrl, fetch: kit.service.authorizedFetch, clock: kit.clock, timeoutMs: 10_000 });
    const state = await client.getPlaybackState();
    expect(state.ok).toBe(true);
  });

  it('keeps the saved session aside, untouched, while the keyring is locked', async () => {
    const store = new MemoryStore();
    const first = createKit({ store, redirectMode: 'protocol' });
    await first.service.start();
    await signInViaProtocol(first);
    const blob = JSON.stringify(store.get(VAULT_KEY));
    const { TestOnlyCipher } = await import('../adapters/test-cipher');
    const locked = Object.assign(new TestOnlyCipher(), { isAvailable: () => Promise.resolve(false) });
    const second = createKit({ store, clock: first.clock, sim: first.sim, cipher: locked });
    await second.service.start();
    expect(second.service.state()).toMatchObject({ kind: 'signedOut', notice: expect.stringContaining("Secure storage isn't available") as unknown });
    expect(JSON.stringify(store.get(VAULT_KEY))).toBe(blob);
  });

  it('pushes only payloads that satisfy the contract schemas', async () => {
    const kit = createKit({ redirectMode: 'loopback' });
    await kit.service.start();
    await kit.service.signIn();
    await fetch(await approveInBrowser(kit));
    await kit.service.settled();
    await kit.clock.advance(2 * HOUR);
    await kit.service.signOut();
    expect(kit.pushed.length).toBeGreaterThan(3);
    for (const json of kit.pushed) {
      const payload = JSON.parse(json) as { auth: unknown; authSettings: unknown };
      expect(AuthStateSchema.safeParse(payload.auth).success).toBe(true);
      expect(AuthSettingsSchema.safeParse(payload.authSettings).success).toBe(true);
    }
  });
});
