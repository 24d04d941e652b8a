import { afterEach, describe, expect, it } from 'vitest';

import type { Scenario } from '../../simulator/index';
import { MemoryStore } from '../adapters/memory-store';
import { simulatorEndpoints } from '../auth/endpoints';
import { memorySink, RootLogger } from '../logging/logger';
import { SettingsStore } from '../settings/settings-store';
import { createSim, fakeBrowser, fakePower, protocolRegistrar, TEST_CLIENT_ID } from '../testing/auth-test-kit';
import { gate, HeldCipher, vaultTokens } from '../testing/held-cipher';
import { ManualClock } from '../testing/manual-clock';
import { wireProbe, type WireRequest } from '../testing/wire-probe';
import { SESSION_ENDED_REASON } from '../tokens/token-keeper';

import { PAGE_WARNING_IS_CONSENT } from '../ports/plaintext-consent';
import { createServices, type Services } from './create-services';

// The real AuthService (scheduler, vault with a test cipher) and the real PlaybackService, wired as the app
// wires them (createServices), against the simulator on one manual clock. Only the wire is watched.

const MIN = 60_000;
const HOUR = 60 * MIN;

const running: Services[] = [];
afterEach(async () => {
  for (const services of running.splice(0)) await services.dispose();
});

async function signedIn(scenario: Partial<Scenario> = {}) {
  const clock = new ManualClock();
  const sim = createSim(clock, { scenario });
  const probe = wireProbe(clock);
  const { sink, lines } = memorySink();
  const logger = new RootLogger({ sink, minLevel: 'debug', now: () => clock.now() });
  const store = new MemoryStore();
  const settings = new SettingsStore(store, { logger: logger.scope('settings') });
  settings.setClientId(TEST_CLIENT_ID);
  settings.setRedirectMode('protocol');
  const browser = fakeBrowser();
  const power = fakePower();
  const cipher = new HeldCipher();
  const services = await createServices({
    shell: 'web',
    plaintextConsent: PAGE_WARNING_IS_CONSENT,
    clock,
    logger,
    store,
    cipher,
    browser,
    power: power.power,
    protocol: protocolRegistrar(true),
    fetch: probe.wrap((url, init) => sim.fetch(url, init)),
    endpointsOverride: simulatorEndpoints(sim.baseUrl),
  });
  running.push(services);
  const { auth, playback } = services;
  const started = await auth.signIn();
  if (!started.ok) throw new Error(started.error.message);
  auth.handleProtocolUrl(await sim.control.approve(browser.opened.at(-1) ?? ''));
  await auth.settled();
  playback.setVisibility('window');
  await clock.advance(1_000);
  const now = () => playback.getState().nowPlaying;
  expect(auth.state().kind).toBe('signedIn');
  expect(now().kind).toBe('item');
  const expiresAt = (): number => {
    const state = auth.state();
    if (state.kind !== 'signedIn') throw new Error(`not signed in: ${state.kind}`);
    return state.accessExpiresAt;
  };
  return { clock, sim, probe, lines, store, cipher, power, services, auth, playback, now, expiresAt };
}

const sentSince = (requests: readonly WireRequest[], at: number) => requests.filter((r) => r.at >= at);

describe('sign-in and playback together, against the simulator', () => {
  it('(a) sleep past the token’s expiry, then wake: one refresh, then reads; no request carries an expired token', async () => {
    const h = await signedIn();
    const sleptAt = h.clock.now();
    await h.clock.jump(3 * HOUR);
    h.power.emit('resume');
    h.power.emit('unlock');
    await h.clock.advance(10_000);
    const after = sentSince(h.probe.requests, sleptAt);
    expect(h.probe.refreshes().length).toBe(1);
    // The refresh went out before any read after the wake.
    const firstApi = after.findIndex((r) => r.path.startsWith('/v1/'));
    expect(firstApi).toBeGreaterThan(after.findIndex((r) => r.refreshToken !== null));
    expect(after.filter((r) => r.path === '/v1/me/player').length).toBeGreaterThan(0);
    expect(h.probe.api().filter((r) => r.expired)).toEqual([]);
    expect(h.probe.api401).toEqual([]);
    expect(h.now().kind).toBe('item');
    expect(h.auth.state().kind).toBe('signedIn');
  });

  it('(b) the network lost while a refresh is due: the display says offline, and recovers when it returns', async () => {
    const h = await signedIn();
    // Offline just before the refresh point, and stays so past the token's expiry.
    await h.clock.advance(h.expiresAt() - 6 * MIN - h.clock.now());
    h.probe.offline = true;
    await h.clock.advance(10 * MIN);
    expect(h.clock.now()).toBeGreaterThan(h.expiresAt());
    expect(h.probe.refreshes().length).toBeGreaterThan(0);
    expect(h.now()).toMatchObject({ kind: 'unavailable', reason: 'offline' });
    expect(h.auth.state().kind).toBe('signedIn');
    h.probe.offline = false;
    h.power.emit('online');
    await h.clock.advance(5_000);
    expect(h.now().kind).toBe('item');
    expect(h.expiresAt()).toBeGreaterThan(h.clock.now());
    expect(h.probe.api().filter((r) => r.expired)).toEqual([]);
    expect(h.probe.api401).toEqual([]);
  });

  it('(c) a refresh due while commands run: the commands succeed, and Spotify sees one refresh', async () => {
    const h = await signedIn();
    // The refresh is held on its way, so the commands meet it in flight.
    const refresh = gate();
    refresh.close();
    h.probe.hold = (r) => (r.refreshToken !== null ? refresh.pass() : Promise.resolve());
    await h.clock.advance(h.expiresAt() - 5 * MIN + 1_000 - h.clock.now());
    expect(h.probe.refreshes()).toHaveLength(1);
    const wasPlaying = h.sim.control.state().isPlaying;
    const commands = [h.playback.next(), h.playback.setVolume(40), h.playback.setShuffle(true), h.playback.togglePlay()];
    await h.clock.advance(2_000);
    refresh.open();
    await h.clock.advance(2_000);
    expect((await Promise.all(commands)).map((r) => r.ok)).toEqual([true, true, true, true]);
    await h.clock.advance(30_000);
    expect(h.probe.refreshes()).toHaveLength(1);
    expect(h.sim.control.state()).toMatchObject({ isPlaying: !wasPlaying, shuffle: true });
    expect(h.sim.control.state().devices.find((d) => d.isActive)?.volumePercent).toBe(40);
    expect(h.probe.api().filter((r) => r.expired)).toEqual([]);
    expect(h.probe.api401).toEqual([]);
    expect(h.now()).toMatchObject({ kind: 'item', isPlaying: !wasPlaying });
  });

  it('(d) sign-out during a command: nothing more goes out with the old token, and all says signed out', async () => {
    const h = await signedIn();
    const held = gate();
    held.close();
    h.probe.hold = (r) => (r.path === '/v1/me/player/next' ? held.pass() : Promise.resolve());
    const oldToken = h.probe.api().at(-1)?.token;
    expect(oldToken).toBeTruthy();
    const first = h.playback.next();
    const queued = h.playback.next();
    await h.clock.advance(100);
    expect(h.probe.api().filter((r) => r.path === '/v1/me/player/next')).toHaveLength(1);
    const signedOutAt = h.clock.now();
    await h.auth.signOut();
    held.open();
    // The one already at Spotify is answered; the one still queued is not sent.
    expect(await first).toEqual({ ok: true, value: null });
    expect(await queued).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    await h.clock.advance(10 * MIN);
    const afterSignOut = sentSince(h.probe.requests, signedOutAt);
    expect(afterSignOut.filter((r) => r.token === oldToken)).toEqual([]);
    expect(afterSignOut).toEqual([]);
    expect(h.auth.state()).toEqual({ kind: 'signedOut', notice: null });
    expect(h.now()).toMatchObject({ kind: 'unavailable', reason: 'signedOut' });
    await h.auth.settled();
    expect(await vaultTokens(h)).toBeNull();
  });

  it('(e) a refresh that returns no new refresh token keeps the old one, and the next refresh still works', async () => {
    // Short-lived tokens keep the run short: three refreshes in about 40 minutes.
    const h = await signedIn({ rotateRefreshTokens: false, accessTokenLifetimeSec: 15 * 60 });
    const original = (await vaultTokens(h))?.refreshToken;
    expect(original).toBeTruthy();
    for (let i = 0; i < 3; i += 1) await h.clock.advance(h.expiresAt() - h.clock.now() + MIN);
    expect(h.probe.refreshes().map((r) => r.refreshToken)).toEqual([original, original, original]);
    expect((await vaultTokens(h))?.refreshToken).toBe(original);
    expect(h.auth.state().kind).toBe('signedIn');
    expect(h.now().kind).toBe('item');
    expect(h.probe.api().filter((r) => r.expired)).toEqual([]);
    expect(h.probe.api401).toEqual([]);
  });
});

describe('a token that cannot be had, as the player says it', () => {
  /** Moves to where the token can no longer be handed out, the refresh having failed as `fail` makes it. */
  async function pastExpiry(h: Awaited<ReturnType<typeof signedIn>>): Promise<void> {
    await h.clock.advance(h.expiresAt() - h.clock.now() + MIN);
  }

  it('a refresh answered 503: the command fails as `server`, naming Spotify’s sign-in service, not the connection', async () => {
    const h = await signedIn();
    await h.clock.advance(h.expiresAt() - 6 * MIN - h.clock.now());
    h.sim.control.injectFault({ serverErrors: { count: 1_000, status: 503 }, target: 'accounts' });
    await pastExpiry(h);
    const result = await h.playback.togglePlay();
    expect(result).toMatchObject({ ok: false, error: { code: 'server' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toMatch(/sign-in service/);
    expect(message).not.toMatch(/Cannot reach Spotify|cannot be reached/i);
    expect(h.now()).toMatchObject({ kind: 'unavailable', reason: 'error', message: expect.stringMatching(/sign-in service/) as unknown });
    expect(h.auth.state().kind).toBe('signedIn');
  });

  it('a refresh with the network down: the command fails as `network`, and the display says offline', async () => {
    const h = await signedIn();
    await h.clock.advance(h.expiresAt() - 6 * MIN - h.clock.now());
    h.probe.offline = true;
    await pastExpiry(h);
    expect(await h.playback.togglePlay()).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(h.now()).toMatchObject({ kind: 'unavailable', reason: 'offline' });
  });

  it('a refresh answered invalid_grant: signed out, and the command says to sign in again', async () => {
    const h = await signedIn();
    await h.clock.advance(h.expiresAt() - 6 * MIN - h.clock.now());
    // Nothing refreshes on its own first: the command is what meets the dead grant.
    h.sim.control.revokeGrant();
    h.playback.setVisibility('tray');
    const refreshes = h.probe.refreshes().length;
    await h.clock.jump(0);
    const result = await h.playback.togglePlay();
    expect(h.probe.refreshes().length).toBeGreaterThan(refreshes);
    expect(result).toEqual({ ok: false, error: { code: 'not_signed_in', message: SESSION_ENDED_REASON } });
    expect(h.auth.state()).toEqual({ kind: 'sessionEnded', reason: SESSION_ENDED_REASON });
    expect(h.now()).toMatchObject({ kind: 'unavailable', reason: 'signedOut' });
  });
});
