import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { localAppeared, localChanged, NO_LOCAL_CLIENT, readLocalProperties, trackUriOf } from './spotify-client';
import { parseSpotifyUri } from './spotify-uri';
import { hintWorthALook, isThisComputer, localClientIsActive, localHintsTrusted, planMediaSession, STEP_BACK_REASON } from './step-back';
import { laptop, OTHER_URI, phone, trackPlaying, TRACK_URI } from './testing/states';

const ID = TRACK_URI.split(':')[2]!;
const OTHER_ID = OTHER_URI.split(':')[2]!;
/** Spotify's own Metadata shape: /com/spotify/track/<id>, length as uint64 (arrives as a number). */
const spotifyMetadata = (id: string, length: unknown = 200_000_000) => ({
  'mpris:trackid': `/com/spotify/track/${id}`,
  'mpris:length': length,
  'xesam:title': 'Night Drive',
  'xesam:url': `https://open.spotify.com/track/${id}`,
});

describe("the local Spotify client's MPRIS, quirks filtered", () => {
  it('reads the track from its trackid in any of its shapes, or from xesam:url', () => {
    expect(trackUriOf(spotifyMetadata(ID))).toBe(TRACK_URI);
    expect(trackUriOf({ 'mpris:trackid': TRACK_URI })).toBe(TRACK_URI); // old clients: not even an object path
    expect(trackUriOf({ 'mpris:trackid': '/org/mpris/MediaPlayer2/TrackList/NoTrack', 'xesam:url': `https://open.spotify.com/track/${ID}` })).toBe(TRACK_URI);
    expect(trackUriOf({ 'mpris:trackid': '/com/spotify/ad/abc123' })).toBe('spotify:ad:abc123');
    expect(trackUriOf({})).toBeNull();
  });

  it('ignores Position, Shuffle and LoopStatus (never maintained), and length in either integer type', () => {
    expect(readLocalProperties({ Position: 0, Shuffle: false, LoopStatus: 'None', Rate: 1 })).toEqual({});
    expect(readLocalProperties({ Metadata: spotifyMetadata(ID, 200_000_000) })).toEqual({ trackUri: TRACK_URI });
    expect(readLocalProperties({ Metadata: spotifyMetadata(ID, -1) })).toEqual({ trackUri: TRACK_URI });
  });

  it('a repeated Metadata signal for the same track is no hint; a new track or play state is', () => {
    const view = localAppeared({ PlaybackStatus: 'Playing', Metadata: spotifyMetadata(ID) });
    expect(view).toEqual({ present: true, status: 'Playing', trackUri: TRACK_URI, previousTrackUri: null });
    expect(localChanged(view, { Metadata: spotifyMetadata(ID) })).toEqual({ view, hint: null });
    expect(localChanged(view, { Position: 0 }).hint).toBeNull();
    const skipped = localChanged(view, { Metadata: spotifyMetadata(OTHER_ID) });
    expect(skipped.hint).toBe('track');
    expect(skipped.view).toMatchObject({ trackUri: OTHER_URI, previousTrackUri: TRACK_URI });
    expect(localChanged(view, { PlaybackStatus: 'Paused' })).toMatchObject({ hint: 'playState', view: { status: 'Paused' } });
    // Nothing comes from a client that is not there.
    expect(localChanged(NO_LOCAL_CLIENT, { PlaybackStatus: 'Paused' }).hint).toBeNull();
  });

  it('never throws on whatever a program on the bus sends', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        const view = localAppeared(a);
        const next = localChanged(view, b);
        expect(next.view.present).toBe(true);
        expect([null, 'track', 'playState']).toContain(next.hint);
      }),
    );
  });
});

describe('Spotify URIs from untrusted text', () => {
  it('accepts spotify: URIs and open.spotify.com links, nothing else', () => {
    expect(parseSpotifyUri(TRACK_URI)).toBe(TRACK_URI);
    expect(parseSpotifyUri(`https://open.spotify.com/intl-de/track/${ID}?si=abc`)).toBe(TRACK_URI);
    expect(parseSpotifyUri(`https://open.spotify.com/album/${ID}`)).toBe(`spotify:album:${ID}`);
    for (const bad of ['file:///etc/passwd', `http://open.spotify.com/track/${ID}`, `https://evil.example/track/${ID}`, 'spotify:track:short', `spotify:user:${ID}`, 42, null]) {
      expect(parseSpotifyUri(bad)).toBeNull();
    }
  });

  it('whatever it returns is a well-formed spotify URI', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(fc.constantFrom('https://open.spotify.com/', 'https://open.spotify.com/intl-fr/', 'http://x/'), fc.string()).map(([a, b]) => a + b), fc.string().map((s) => `spotify:track:${s}`)), (text) => {
        const uri = parseSpotifyUri(text);
        if (uri !== null) expect(uri).toMatch(/^spotify:(track|episode|album|playlist|artist|show):[A-Za-z0-9]{22}$/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the step-back rule', () => {
  const present = localAppeared({ PlaybackStatus: 'Playing', Metadata: spotifyMetadata(ID) });

  const here = { hostname: 'studio laptop', deviceIds: [] };

  it('the local client is the active device when the active device is this computer: named like this host, or a known id', () => {
    expect(localClientIsActive(trackPlaying(), present, here)).toBe(true);
    expect(localClientIsActive(trackPlaying({ device: phone }), present, here)).toBe(false);
    expect(localClientIsActive(trackPlaying(), NO_LOCAL_CLIENT, here)).toBe(false);
    const elsewhere = localAppeared({ PlaybackStatus: 'Playing', Metadata: spotifyMetadata(OTHER_ID) });
    // The client may show another track for a moment (a skip the Web API has not seen yet): still this computer.
    expect(localClientIsActive(trackPlaying(), elsewhere, here)).toBe(true);
    expect(localClientIsActive(trackPlaying(), present, { hostname: 'other-host', deviceIds: ['dev-laptop'] })).toBe(true);
    expect(localClientIsActive({ kind: 'private', device: laptop, isPlaying: true, disallows: [] }, present, here)).toBe(true);
    expect(localClientIsActive({ kind: 'idle' }, present, here)).toBe(false);
  });

  it('another computer playing the very track the local client shows is not this computer (Connect mirrors it)', () => {
    const office = { ...laptop, id: 'dev-office', name: 'Office Desktop' };
    expect(localClientIsActive(trackPlaying({ device: office }), present, here)).toBe(false);
    expect(localClientIsActive(trackPlaying(), present, { hostname: null, deviceIds: [] })).toBe(false);
    expect(isThisComputer(office, here)).toBe(false);
    expect(isThisComputer({ ...office, name: ' Studio Laptop ' }, here)).toBe(true);
  });

  it('this computer by hostname: the full or the short name (before the first dot), any case; computers only', () => {
    const named = (name: string, type = 'Computer') => ({ ...laptop, id: 'dev-other', name, type });
    const fqdn = { hostname: 'Studio-Laptop.fritz.box', deviceIds: [] };
    expect(isThisComputer(named('studio-laptop'), fqdn)).toBe(true);
    expect(isThisComputer(named('STUDIO-LAPTOP.fritz.box'), fqdn)).toBe(true);
    expect(isThisComputer(named('studio-laptop.local'), fqdn)).toBe(false);
    expect(isThisComputer(named('fritz'), fqdn)).toBe(false);
    expect(isThisComputer(named('studio-laptop'), { hostname: 'studio-laptop', deviceIds: [] })).toBe(true);
    // A phone named like this host is still a phone: the check is on the device type, not just the name.
    expect(isThisComputer(named('Studio-Laptop', 'Smartphone'), fqdn)).toBe(false);
    expect(isThisComputer(named('Studio-Laptop', 'Smartphone'), { hostname: 'Studio-Laptop', deviceIds: [] })).toBe(false);
  });

  it('plans: off, unavailable, waiting for the bus, stepped back, published', () => {
    const connected = { kind: 'connected' } as const;
    expect(planMediaSession({ publish: false, followLocalClient: true, connection: connected, localActive: true })).toEqual({ publish: false, status: { kind: 'off' } });
    expect(planMediaSession({ publish: true, followLocalClient: true, connection: { kind: 'unavailable', reason: 'No bus' }, localActive: false })).toEqual({
      publish: false,
      status: { kind: 'unavailable', reason: 'No bus' },
    });
    expect(planMediaSession({ publish: true, followLocalClient: true, connection: { kind: 'disconnected', reason: 'x', retryAt: 1 }, localActive: false }).publish).toBe(true);
    expect(planMediaSession({ publish: true, followLocalClient: true, connection: connected, localActive: true })).toEqual({
      publish: false,
      status: { kind: 'steppedBack', reason: STEP_BACK_REASON },
    });
    // Not following the local client: no step-back either.
    expect(planMediaSession({ publish: true, followLocalClient: false, connection: connected, localActive: true }).publish).toBe(true);
  });

  it('while (re)connecting, a local app seen already keeps Trayplay stepped back', () => {
    const steppedBack = { publish: false, status: { kind: 'steppedBack', reason: STEP_BACK_REASON } };
    expect(planMediaSession({ publish: true, followLocalClient: true, connection: { kind: 'connecting' }, localActive: true })).toEqual(steppedBack);
    expect(planMediaSession({ publish: true, followLocalClient: true, connection: { kind: 'disconnected', reason: 'x', retryAt: 1 }, localActive: true })).toEqual(steppedBack);
    expect(planMediaSession({ publish: true, followLocalClient: false, connection: { kind: 'connecting' }, localActive: true }).publish).toBe(true);
  });

  it('looks on any change from the active local client, else only when it starts playing', () => {
    const paused = { ...present, status: 'Paused' as const };
    expect(hintWorthALook('track', present, true)).toBe(true);
    expect(hintWorthALook('track', present, false)).toBe(false);
    expect(hintWorthALook('playState', present, false)).toBe(true);
    expect(hintWorthALook('playState', paused, false)).toBe(false);
    expect(hintWorthALook('appeared', present, false)).toBe(true);
    expect(localHintsTrusted(true, true)).toBe(true);
    expect(localHintsTrusted(false, true)).toBe(false);
  });
});
