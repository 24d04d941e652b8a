import { describe, expect, it } from 'vitest';

import { err, ok } from '../../shared/result';
import { COMPUTER_ID, createSimulator, PHONE_ID, type Simulator } from '../../simulator/index';
import type { AccessTokenSource } from '../ports/access-token';
import { WebApiClient } from '../spotify/web-api-client';
import { ManualClock } from '../testing/manual-clock';

import { PlaybackService } from './playback-service';
import { authorizedFetch, signIn, type SimTokens } from './testing/sim-session';

// Sign out, then sign in as ANOTHER account, while the old account's answer is still on its way back from
// Spotify. The token source cannot help here (the request left before the sign-out), so only the engine's
// account generation keeps the old account's answer out of the new account's display and like cache.

interface Account {
  readonly sim: Simulator;
  readonly tokens: SimTokens;
}

/** The request reached Spotify and was answered there; the answer is delivered only on `release()`. */
interface Held {
  readonly path: string;
  release(): void;
}

async function twoAccounts() {
  const clock = new ManualClock();
  const world = (seed: number) =>
    createSimulator({ now: () => clock.now(), seed, sleep: (ms) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms)) });
  const simA = world(7);
  const simB = world(7);
  const a: Account = { sim: simA, tokens: await signIn(simA) };
  const b: Account = { sim: simB, tokens: await signIn(simB) };
  let current: Account | null = a;
  const tokens: AccessTokenSource = {
    getAccessToken: () => Promise.resolve(current ? ok(current.tokens.accessToken) : err('not_signed_in', 'Not signed in')),
    refreshAfterUnauthorized: () => Promise.resolve(current ? ok(current.tokens.accessToken) : err('not_signed_in', 'Not signed in')),
  };
  const holding: string[] = [];
  const held: Held[] = [];
  const client = new WebApiClient({
    apiBaseUrl: `${simA.baseUrl}/v1`,
    // Each request goes to the account signed in when it is sent (its token is only valid there).
    fetch: authorizedFetch(async (url, init) => {
      const target = current ?? a;
      const path = new URL(url).pathname;
      const answer = await target.sim.fetch(url, init);
      const at = holding.indexOf(path);
      if (at === -1) return answer;
      holding.splice(at, 1);
      return new Promise<Response>((resolve) => held.push({ path, release: () => resolve(answer) }));
    }, tokens),
    clock,
    timeoutMs: 60_000,
  });
  const service = new PlaybackService({ api: client, tokens, clock, visibility: 'tray' });
  const item = () => {
    const np = service.getState().nowPlaying;
    if (np.kind !== 'item') throw new Error(`expected an item, got ${np.kind}`);
    return np;
  };
  return {
    clock,
    a,
    b,
    service,
    item,
    /** Holds the answer to the next request for `path` (e.g. `/v1/me/player`). */
    holdNext: (path: string) => holding.push(path),
    held: (path: string): Held => {
      const found = held.find((h) => h.path === path);
      if (!found) throw new Error(`nothing held for ${path}`);
      held.splice(held.indexOf(found), 1);
      return found;
    },
    /** Sign out of A, then sign in as B. */
    switchToB: () => {
      current = null;
      service.accountChanged(false);
      current = b;
      service.accountChanged(true);
    },
  };
}

async function like(account: Account, uri: string): Promise<void> {
  const url = `${account.sim.baseUrl}/v1/me/library?uris=${encodeURIComponent(uri)}`;
  const response = await account.sim.fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${account.tokens.accessToken}` } });
  if (!response.ok) throw new Error(`like failed: ${response.status}`);
}

describe('another account signs in while the old account’s answer is in flight', () => {
  it('the old account’s playback read never shows for the new account', async () => {
    const h = await twoAccounts();
    h.service.start();
    await h.clock.advance(0);
    const oldUri = h.item().item.uri;
    // Account B is listening to something else.
    h.b.sim.control.externalAction({ type: 'next' });
    const newUri = h.b.sim.control.state().itemUri;
    expect(newUri).not.toBe(oldUri);

    h.holdNext('/v1/me/player');
    const reading = h.service.refresh();
    await h.clock.advance(0);
    const oldRead = h.held('/v1/me/player');
    h.switchToB();
    const shown: (string | null)[] = [];
    h.service.onChange(() => {
      const np = h.service.getState().nowPlaying;
      shown.push(np.kind === 'item' ? np.item.uri : np.kind);
    });
    oldRead.release();
    await reading;
    await h.clock.advance(1_000);

    expect(h.item().item.uri).toBe(newUri);
    expect(shown).not.toContain(oldUri);
  });

  it('the old account’s like lookup does not land in the new account’s like cache', async () => {
    const h = await twoAccounts();
    h.service.start();
    await h.clock.advance(0);
    const uri = h.item().item.uri;
    // Both accounts are playing the same track; only A has it in their library.
    expect(h.b.sim.control.state().itemUri).toBe(uri);
    await like(h.a, uri);

    h.holdNext('/v1/me/library/contains');
    h.service.setVisibility('window');
    await h.clock.advance(1_000);
    const oldLookup = h.held('/v1/me/library/contains');
    h.switchToB();
    h.holdNext('/v1/me/library/contains');
    await h.clock.advance(1_000);
    const newLookup = h.held('/v1/me/library/contains');
    // A's "liked" arrives while B's own lookup is still out.
    oldLookup.release();
    await h.clock.advance(0);
    newLookup.release();
    await h.clock.advance(0);
    expect(h.item().liked).toBe(false);
    // And it is not cached: later polls keep B's answer.
    await h.clock.advance(60_000);
    expect(h.item().item.uri).toBe(uri);
    expect(h.item().liked).toBe(false);
  });

  it('the old account’s device list is not handed to the new account', async () => {
    const h = await twoAccounts();
    h.service.start();
    await h.clock.advance(0);
    // B listens on the phone; A on the computer.
    h.b.sim.control.externalAction({ type: 'transfer', deviceId: PHONE_ID });
    const active = (devices: readonly { id: string | null; isActive: boolean }[]) => devices.find((d) => d.isActive)?.id ?? null;

    h.holdNext('/v1/me/player/devices');
    const listing = h.service.listDevices();
    await h.clock.advance(0);
    const oldList = h.held('/v1/me/player/devices');
    h.switchToB();
    await h.clock.advance(1_000);
    oldList.release();
    const listed = await listing;

    expect(listed.ok && active(listed.value)).toBe(PHONE_ID);
    expect(active(h.a.sim.control.state().devices)).toBe(COMPUTER_ID);
  });
});
