import { describe, expect, it } from 'vitest';

import type { RepeatMode } from '../../shared/state/now-playing';
import { memorySink, RootLogger } from '../logging/logger';
import { createSimHarness } from '../player/testing/sim-session';
import { ManualClock } from '../testing/manual-clock';

import { PLAYER_INTERFACE } from './mpris-names';
import { mprisObject } from './mpris-object';

// The engine only cycles repeat (off → context → track), so a LoopStatus write is up to two cycles; writes
// that overlap must still end at the mode asked last, on the engine and on Spotify.

async function setup() {
  const clock = new ManualClock();
  const h = await createSimHarness({ seed: 7, clock, scenario: { startPlaying: true } });
  h.service.start();
  await clock.advance(0);
  await clock.advance(5_000);
  const object = mprisObject({ playback: h.service, clock, logger: new RootLogger({ sink: memorySink().sink }).scope('mpris'), raise: null, quit: null, openUri: null });
  const player = object.interfaces.find((i) => i.name === PLAYER_INTERFACE)!;
  const write = (value: string) => Promise.resolve(player.write!('LoopStatus', value));
  const shown = (): RepeatMode | null => {
    const np = h.service.getState().nowPlaying;
    return np.kind === 'item' ? np.repeat : null;
  };
  return { clock, h, write, shown, onSpotify: () => h.sim.control.state().repeat };
}

describe('LoopStatus writes end at the mode asked last', () => {
  it('one at a time: None → Track → Playlist → None', async () => {
    const t = await setup();
    for (const [loop, mode] of [['Track', 'track'], ['Playlist', 'context'], ['None', 'off']] as const) {
      expect(await t.write(loop)).toMatchObject({ ok: true });
      await t.clock.advance(2_000);
      expect([t.shown(), t.onSpotify()]).toEqual([mode, mode]);
    }
  });

  it('two quick writes (Track, then Playlist): Playlist wins', async () => {
    const t = await setup();
    expect(t.shown()).toBe('off');
    const replies = await Promise.all([t.write('Track'), t.write('Playlist')]);
    expect(replies).toMatchObject([{ ok: true }, { ok: true }]);
    await t.clock.advance(3_000);
    expect([t.shown(), t.onSpotify()]).toEqual(['context', 'context']);
  });

  it('a write while another is half-way (Track, then None after its first cycle): None wins', async () => {
    const t = await setup();
    const first = t.write('Track');
    await t.clock.advance(0);
    const second = t.write('None');
    await Promise.all([first, second]);
    await t.clock.advance(3_000);
    expect([t.shown(), t.onSpotify()]).toEqual(['off', 'off']);
  });
});
