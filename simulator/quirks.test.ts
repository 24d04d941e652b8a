import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, PHONE_ID } from './index';
import { api, errorOf, harness, login } from './testing/harness';
import { catalogue } from './testing/world';

// Real-world behaviours behind Scenario switches (facts §3.2, §4.1): each is off by default.

const OWNER_NOT_PREMIUM =
  'Active premium subscription required for the owner of the app. When the subscription status changes, it can take a few hours before requests are allowed again.';
const NOT_REGISTERED = 'User not registered in the Developer Dashboard';

const QUEUE = `/me/player/queue?uri=${encodeURIComponent(catalogue().playlistUris[0] ?? '')}`;

/** Every /v1 route, each with a well-formed request. */
const EVERY_CALL: ReadonlyArray<readonly [string, string, unknown?]> = [
  ['GET', '/me'],
  ['GET', '/me/player'],
  ['GET', '/me/player/currently-playing'],
  ['GET', '/me/player/devices'],
  ['GET', '/me/player/queue'],
  ['PUT', '/me/player/pause'],
  ['PUT', '/me/player/play'],
  ['POST', '/me/player/next'],
  ['POST', '/me/player/previous'],
  ['PUT', '/me/player/seek?position_ms=0'],
  ['PUT', '/me/player/volume?volume_percent=5'],
  ['PUT', '/me/player/shuffle?state=true'],
  ['PUT', '/me/player/repeat?state=off'],
  ['PUT', '/me/player', { device_ids: [PHONE_ID] }],
  ['POST', QUEUE],
  ['PUT', '/me/library?uris=spotify:track:abc'],
  ['DELETE', '/me/library?uris=spotify:track:abc'],
  ['GET', '/me/library/contains?uris=spotify:track:abc'],
];

async function ready(scenario: Parameters<typeof harness>[0] = {}) {
  const h = harness(scenario);
  const tokens = await login(h.sim);
  return { ...h, token: tokens.access_token };
}

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('defaults', () => {
  it('all three quirks are off', () => {
    expect(DEFAULT_SCENARIO).toMatchObject({ quirkyCommandBodies: false, userAllowListed: true, ownerPremium: true });
  });
});

describe('quirkyCommandBodies (facts §4.1)', () => {
  it('off: play, pause and add-to-queue answer 204 with no body', async () => {
    const { sim, token } = await ready();
    for (const [method, path] of [['PUT', '/me/player/pause'], ['PUT', '/me/player/play'], ['POST', QUEUE]] as const) {
      const res = await api(sim, token, method, path);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
    }
  });

  it('on: they answer 200 with a short opaque, non-JSON text body; the command still takes effect', async () => {
    const { sim, token } = await ready({ scenario: { quirkyCommandBodies: true } });
    const queued = sim.control.state().queue.length;
    for (const [method, path] of [['PUT', '/me/player/pause'], ['PUT', '/me/player/play'], ['POST', QUEUE]] as const) {
      const res = await api(sim, token, method, path);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^[A-Za-z0-9_-]{20,40}$/);
      expect(isJson(text)).toBe(false);
    }
    expect(sim.control.state().isPlaying).toBe(true);
    expect(sim.control.state().queue).toHaveLength(queued + 1);
  });

  it('on: other commands stay 204 and errors stay Spotify error JSON', async () => {
    const { sim, token } = await ready({ scenario: { quirkyCommandBodies: true } });
    expect((await api(sim, token, 'POST', '/me/player/next')).status).toBe(204);
    expect((await api(sim, token, 'PUT', '/me/player/pause')).status).toBe(200);
    const again = await api(sim, token, 'PUT', '/me/player/pause');
    expect(again.status).toBe(403);
    expect((await errorOf(again)).reason).toBe('ALREADY_PAUSED');
  });
});

describe.each([
  { name: 'userAllowListed: false (facts §3.2)', scenario: { userAllowListed: false }, body: NOT_REGISTERED },
  { name: 'ownerPremium: false (facts §3.2)', scenario: { ownerPremium: false }, body: OWNER_NOT_PREMIUM },
])('$name', ({ scenario, body }) => {
  it('sign-in works, then every Web API call answers 403 with the bare message: no JSON, no reason', async () => {
    const { sim, token } = await ready({ scenario });
    for (const [method, path, json] of EVERY_CALL) {
      const res = await api(sim, token, method, path, json);
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 403`);
      const text = await res.text();
      expect(text).toBe(body);
      expect(isJson(text)).toBe(false);
    }
    // Nothing changed behind the refusals.
    expect(sim.control.state()).toMatchObject({ isPlaying: true, saved: [] });
  });

  it('a bad token is still 401 first; the accounts service is not gated', async () => {
    const { sim } = await ready({ scenario });
    const res = await api(sim, 'BQnotatoken', 'GET', '/me/player');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toBe('Missing/invalid/expired access token');
    await expect(login(sim)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('switching it back lets the same token through at once', async () => {
    const { sim, token } = await ready({ scenario });
    expect((await api(sim, token, 'GET', '/me/player')).status).toBe(403);
    sim.control.setScenario({ userAllowListed: true, ownerPremium: true });
    expect((await api(sim, token, 'GET', '/me/player')).status).toBe(200);
  });
});

describe('app gates together', () => {
  it('the owner’s lapsed Premium stops the app for everyone, so it answers before the allow-list', async () => {
    const { sim, token } = await ready({ scenario: { userAllowListed: false, ownerPremium: false } });
    expect(await (await api(sim, token, 'GET', '/me/player')).text()).toBe(OWNER_NOT_PREMIUM);
    sim.control.setScenario({ ownerPremium: true });
    expect(await (await api(sim, token, 'GET', '/me/player')).text()).toBe(NOT_REGISTERED);
  });

  it('the HTTP control API sets and reports all three switches and checks their types', async () => {
    const { sim, base, token } = await ready();
    const post = (body: unknown) => sim.fetch(`${base}/__control/scenario`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ quirkyCommandBodies: true, userAllowListed: false, ownerPremium: false })).status).toBe(204);
    const scenario = (await (await sim.fetch(`${base}/__control/scenario`)).json()) as Record<string, unknown>;
    expect(scenario).toMatchObject({ quirkyCommandBodies: true, userAllowListed: false, ownerPremium: false });
    expect((await api(sim, token, 'GET', '/me')).status).toBe(403);
    for (const bad of [{ quirkyCommandBodies: 'yes' }, { userAllowListed: 1 }, { ownerPremium: null }]) {
      expect((await post(bad)).status).toBe(400);
    }
  });
});
