import { describe, expect, it } from 'vitest';

import { fail, type AppError } from '../../shared/result';
import type { HttpFetch } from '../ports/http';
import type { AuthorizedFetch } from '../tokens/authorized-fetch';
import { withFixedToken } from '../testing/fixed-token';
import { ManualClock, settle } from '../testing/manual-clock';

import { toAppError } from './api-errors';
import { WebApiClient } from './web-api-client';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function clientWith(respond: (call: Call) => Response | Promise<Response>, clock = new ManualClock()) {
  const calls: Call[] = [];
  const fetch: HttpFetch = (url, init) => {
    calls.push({ url, init });
    return Promise.resolve(respond({ url, init }));
  };
  const client = new WebApiClient({ apiBaseUrl: 'https://api.test/v1/', fetch: withFixedToken(fetch), clock, timeoutMs: 5000 });
  return { client, calls, clock };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('WebApiClient', () => {
  it('reads the playback state with episodes included', async () => {
    const { client, calls } = clientWith(() => json({ is_playing: true, progress_ms: 10, item: null, currently_playing_type: 'ad' }));
    const result = await client.getPlaybackState();
    expect(result.ok && result.value.state?.currently_playing_type).toBe('ad');
    expect(calls[0]?.url).toBe('https://api.test/v1/me/player?additional_types=track%2Cepisode');
  });

  it('treats 204 and an empty 200 as nothing playing', async () => {
    for (const response of [new Response(null, { status: 204 }), new Response('', { status: 200 })]) {
      const { client } = clientWith(() => response);
      const result = await client.getPlaybackState();
      expect(result).toMatchObject({ ok: true, value: { state: null } });
    }
  });

  it('never parses command bodies: empty, JSON or plain text 2xx are all success', async () => {
    for (const body of [null, '', 'OK', '{"weird":true}', '<html>']) {
      const { client } = clientWith(() => new Response(body, { status: body === null ? 204 : 200 }));
      expect(await client.pause()).toEqual({ ok: true, value: null });
    }
  });

  it('reports a non-JSON or malformed read as invalid_response', async () => {
    const { client } = clientWith(() => new Response('<html>oops</html>', { status: 200 }));
    expect(await client.getPlaybackState()).toMatchObject({ ok: false, error: { kind: 'invalid_response' } });
    const bad = clientWith(() => json({ devices: 'nope' }));
    // A malformed device list degrades to none rather than failing.
    expect(await bad.client.getDevices()).toEqual({ ok: true, value: [] });
    const contains = clientWith(() => json([true, false]));
    expect(await contains.client.libraryContains(['spotify:track:a'])).toMatchObject({ ok: false, error: { kind: 'invalid_response' } });
  });

  it('maps errors by status and reason', async () => {
    const { client } = clientWith(() => json({ error: { status: 404, message: 'whatever', reason: 'NO_ACTIVE_DEVICE' } }, 404));
    expect(await client.next()).toEqual({ ok: false, error: { kind: 'no_active_device' } });
    const limited = clientWith(() => json({ error: { status: 429, message: 'x' } }, 429, { 'retry-after': '4' }));
    expect(await limited.client.getPlaybackState()).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryAfterMs: 4000 } });
    const html403 = clientWith(() => new Response('Active premium subscription required for the owner of the app.', { status: 403 }));
    expect(await html403.client.play()).toMatchObject({ ok: false, error: { kind: 'restricted', reason: null } });
  });

  it('a reason-less 403 on a state read (not on other reads or commands) is app_not_authorized', async () => {
    const owner = clientWith(() => new Response('Active premium subscription required for the owner of the app.', { status: 403 }));
    expect(await owner.client.getPlaybackState()).toEqual({ ok: false, error: { kind: 'app_not_authorized', likelyGate: 'owner_not_premium' } });
    const unlisted = clientWith(() => new Response('User not registered in the Developer Dashboard', { status: 403 }));
    expect(await unlisted.client.getDevices()).toEqual({ ok: false, error: { kind: 'app_not_authorized', likelyGate: 'user_not_allow_listed' } });
    const bare = clientWith(() => new Response(null, { status: 403 }));
    expect(await bare.client.getPlaybackState()).toEqual({ ok: false, error: { kind: 'app_not_authorized', likelyGate: null } });
    // Library reads need another scope: a reason-less 403 there may be "Insufficient client scope".
    const scope = clientWith(() => json({ error: { status: 403, message: 'Insufficient client scope' } }, 403));
    expect(await scope.client.libraryContains(['spotify:track:a'])).toMatchObject({ ok: false, error: { kind: 'restricted', reason: null } });
    const reasoned = clientWith(() => json({ error: { status: 403, message: 'x', reason: 'UNKNOWN' } }, 403));
    expect(await reasoned.client.getPlaybackState()).toMatchObject({ ok: false, error: { kind: 'restricted', reason: 'UNKNOWN' } });
  });

  it('never throws on an error body it cannot read', async () => {
    const broken = clientWith(
      () =>
        new Response(
          new ReadableStream({
            start: (controller) => controller.error(new Error('connection dropped mid-body')),
          }),
          { status: 403 },
        ),
    );
    expect(await broken.client.getPlaybackState()).toEqual({ ok: false, error: { kind: 'app_not_authorized', likelyGate: null } });
    const binary = clientWith(() => new Response(new Uint8Array([0xff, 0xfe, 0x00, 0x7b]), { status: 500 }));
    expect(await binary.client.next()).toEqual({ ok: false, error: { kind: 'server', status: 500 } });
  });

  it('reports a thrown fetch as a network error', async () => {
    const { client } = clientWith(() => {
      throw new TypeError('fetch failed');
    });
    expect(await client.getDevices()).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('passes a token error on as it is, sending nothing: a refresh 5xx is `server`, a dead session `not_signed_in`', async () => {
    const clock = new ManualClock();
    const refused = { code: 'server', message: 'Spotify’s sign-in service is having problems; retrying automatically', retryAt: 5 } as const;
    let answer: AppError = refused;
    let sent = 0;
    const fetch: AuthorizedFetch = () => {
      sent += 1;
      return Promise.resolve(fail(answer));
    };
    const client = new WebApiClient({ apiBaseUrl: 'https://api.test/v1', fetch, clock, timeoutMs: 3000 });
    const paused = await client.pause();
    expect(paused).toEqual({ ok: false, error: { kind: 'session', error: refused } });
    expect(paused.ok ? null : toAppError(paused.error)).toEqual({ ok: false, error: refused });
    answer = { code: 'not_signed_in', message: 'Spotify ended this sign-in — please sign in again' };
    expect(await client.getPlaybackState()).toEqual({ ok: false, error: { kind: 'session', error: answer } });
    // The request could not leave: the connection, as a fetch failure is.
    answer = { code: 'network', message: 'Spotify cannot be reached (TypeError)' };
    expect(await client.getDevices()).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(sent).toBe(3);
  });

  it('gives up after timeoutMs and aborts the request', async () => {
    const clock = new ManualClock();
    let signal: AbortSignal | undefined;
    const fetch: HttpFetch = (_url, init) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>(() => undefined);
    };
    const client = new WebApiClient({ apiBaseUrl: 'https://api.test/v1', fetch: withFixedToken(fetch), clock, timeoutMs: 3000 });
    let outcome: unknown;
    void client.seek(1000).then((r) => (outcome = r));
    await clock.advance(2999);
    expect(outcome).toBeUndefined();
    await clock.advance(1);
    await settle();
    expect(outcome).toEqual({ ok: false, error: { kind: 'timeout', afterMs: 3000 } });
    expect(signal?.aborted).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('builds each endpoint as the facts file says', async () => {
    const { client, calls } = clientWith(() => new Response(null, { status: 204 }));
    await client.play('dev1');
    await client.seek(1234.6);
    await client.setVolume(140);
    await client.setShuffle(true);
    await client.setRepeat('track');
    await client.transfer('dev2', true);
    await client.saveToLibrary(['spotify:track:a', 'spotify:track:b']);
    await client.removeFromLibrary(['spotify:track:a']);
    await client.previous();
    const seen = calls.map((c) => `${c.init?.method} ${decodeURIComponent(c.url.replace('https://api.test/v1', ''))}`);
    expect(seen).toEqual([
      'PUT /me/player/play?device_id=dev1',
      'PUT /me/player/seek?position_ms=1235',
      'PUT /me/player/volume?volume_percent=100',
      'PUT /me/player/shuffle?state=true',
      'PUT /me/player/repeat?state=track',
      'PUT /me/player',
      'PUT /me/library?uris=spotify:track:a,spotify:track:b',
      'DELETE /me/library?uris=spotify:track:a',
      'POST /me/player/previous',
    ]);
    expect(JSON.parse(calls[5]?.init?.body as string)).toEqual({ device_ids: ['dev2'], play: true });
  });
});
